/**
 * Keeps floods off the anonymous public report form — proof of work, a no-JavaScript wait token and
 * rate limits that are global or per receipt code — without identifying anyone: nothing here sees or
 * keys on an IP address, header, cookie or any other client identifier.
 */
package org.haven.intake.abuse;
