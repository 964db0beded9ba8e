package org.haven.identity;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.aopalliance.intercept.MethodInvocation;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.Pointcuts;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.AuthorizationInterceptorsOrder;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;

/**
 * The method-security wall of {@link Requires}: every call of a method carrying it (or of a method of a
 * class carrying it) is refused with {@code AccessDeniedException} unless the caller holds the
 * permission, whoever calls it — the request interceptor {@link RequiresCheck} is the first wall, this
 * is the second. The permission a method needs is read once per method and class, and checked by
 * comparing authorities; no expression is parsed or evaluated per call (decision 48). A method the
 * pointcut matched but whose permission cannot be found is refused.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity(prePostEnabled = false)
class RequiresAuthorization {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor requiresAdvisor() {
        AuthorizationManagerBeforeMethodInterceptor interceptor = new AuthorizationManagerBeforeMethodInterceptor(
                Pointcuts.union(
                        new AnnotationMatchingPointcut(null, Requires.class, true),
                        new AnnotationMatchingPointcut(Requires.class, true)),
                new PermissionCheck());
        interceptor.setOrder(AuthorizationInterceptorsOrder.PRE_AUTHORIZE.getOrder());
        return interceptor;
    }

    /** Grants a call when the caller holds the {@link Requires} permission of the method or its class. */
    static final class PermissionCheck implements AuthorizationManager<MethodInvocation> {

        private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);
        private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

        private final Map<MethodClassKey, Permission> needed = new ConcurrentHashMap<>();

        @Override
        public AuthorizationResult authorize(
                Supplier<? extends Authentication> authentication, MethodInvocation invocation) {
            Class<?> target = invocation.getThis() == null
                    ? invocation.getMethod().getDeclaringClass()
                    : AopUtils.getTargetClass(invocation.getThis());
            Permission permission = needed.computeIfAbsent(
                    new MethodClassKey(invocation.getMethod(), target),
                    key -> permissionOf(invocation.getMethod(), target));
            if (permission == null) {
                return DENIED;
            }
            return permission.heldBy(authentication.get()) ? GRANTED : DENIED;
        }

        /** The method's own {@link Requires}, else its class's; null when neither has one. */
        static Permission permissionOf(Method method, Class<?> target) {
            Method specific = AopUtils.getMostSpecificMethod(method, target);
            Requires requires = AnnotatedElementUtils.findMergedAnnotation(specific, Requires.class);
            if (requires == null && specific != method) {
                requires = AnnotatedElementUtils.findMergedAnnotation(method, Requires.class);
            }
            if (requires == null) {
                requires = AnnotatedElementUtils.findMergedAnnotation(target, Requires.class);
            }
            return requires == null ? null : requires.value();
        }
    }
}
