/**
 * Who may do what: organizations, teams, staff users, roles mapped onto the closed {@link
 * org.haven.identity.Permission} vocabulary, record scopes, sign-in with Argon2id and a TOTP second
 * factor, sessions, personal API tokens, and the administration screens and commands for all of
 * these. It holds no survivor or report data.
 */
package org.haven.identity;
