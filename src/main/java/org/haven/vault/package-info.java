/**
 * Field encryption. Today: the installation's master key (a Tink AES-256-GCM keyset in {@code
 * HAVEN_MASTER_KEY_FILE}) and {@link org.haven.vault.SecretBox}, which encrypts small secrets such as
 * second-factor seeds with associated data bound to table, column and row. Per-organization keysets,
 * blind indexes, rotation and crypto-shredding come with the encryption issue and extend this module.
 */
package org.haven.vault;
