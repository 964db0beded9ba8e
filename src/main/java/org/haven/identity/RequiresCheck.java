package org.haven.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks a controller method's {@link Requires} before its arguments are read and validated, so a
 * person without the permission learns nothing from the endpoint (not even which input it expects).
 * The method-security check of {@link Requires} ({@link RequiresAuthorization}) stays as the second wall.
 */
@Configuration(proxyBeanMethods = false)
class RequiresCheck implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            Requires requires = method.getMethodAnnotation(Requires.class);
            if (requires == null) {
                requires = method.getBeanType().getAnnotation(Requires.class);
            }
            if (requires != null
                    && !requires.value()
                            .heldBy(SecurityContextHolder.getContext().getAuthentication())) {
                throw new AccessDeniedException("missing permission");
            }
        }
        return true;
    }
}
