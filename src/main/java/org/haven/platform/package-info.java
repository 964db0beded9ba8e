/**
 * The small shared kernel: launch settings and start-up checks, the embedded database, i18n, the web
 * layout, security headers, error pages and problem details. It holds no business data.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.haven.platform;
