package org.haven.identity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires the current person (or API token) to hold a permission. The only way Haven code checks
 * permissions on controllers and services. Checked twice: before a request's arguments are read
 * ({@link RequiresCheck}) and on every call of the method ({@link RequiresAuthorization}).
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Requires {
    Permission value();
}
