/** Haven: case management and anonymous reporting for organizations fighting child trafficking. */
package org.haven;
