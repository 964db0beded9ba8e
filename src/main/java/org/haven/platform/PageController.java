package org.haven.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;

/**
 * A controller answering with HTML pages. The layout's model attributes (the signed-in person, the
 * navigation, the page's path, the demo banner) are added to these only: a JSON endpoint
 * ({@code @RestController}) renders no layout, and building that model cost every API request about a
 * twentieth of its processor time (decision 41). A plain {@code @Controller} is refused by a test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface PageController {}
