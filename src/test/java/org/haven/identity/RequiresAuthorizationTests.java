package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.aopalliance.intercept.MethodInterceptor;
import org.haven.HavenTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The second wall of {@link Requires}: a call of a guarded method, made directly on the bean (not
 * through a request, so {@link RequiresCheck} never sees it), is refused unless the caller holds the
 * permission. The guarded methods are found from the running application.
 */
@HavenTest
class RequiresAuthorizationTests {

    @Autowired
    ApplicationContext context;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    record Guarded(Object bean, Method method, Permission permission) {
        @Override
        public String toString() {
            return method.getDeclaringClass().getSimpleName() + "." + method.getName() + " (" + permission + ")";
        }
    }

    List<Guarded> guarded() {
        List<Guarded> guarded = new ArrayList<>();
        for (String name : context.getBeanDefinitionNames()) {
            if (!context.isSingleton(name)) {
                continue;
            }
            Object bean = context.getBean(name);
            Class<?> type = AopUtils.getTargetClass(bean);
            if (!type.getPackageName().startsWith("org.haven")) {
                continue;
            }
            Requires onClass = type.getAnnotation(Requires.class);
            for (Method method : type.getDeclaredMethods()) {
                Requires onMethod = method.getAnnotation(Requires.class);
                Requires requires = onMethod != null ? onMethod : onClass;
                if (requires == null
                        || method.isSynthetic()
                        || Modifier.isPrivate(method.getModifiers())
                        || Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                guarded.add(new Guarded(bean, method, requires.value()));
            }
        }
        return guarded;
    }

    @Test
    void everyGuardedMethodRefusesACallerLackingItsPermissionOnly() throws Exception {
        List<Guarded> guarded = guarded();
        assertThat(guarded)
                .extracting(g -> g.method().getDeclaringClass().getSimpleName())
                .contains("CasesApi", "CaseController", "UsersApi", "AccountController");
        assertThat(guarded)
                .as("AccountController's methods are guarded by its class's @Requires")
                .anyMatch(g -> g.method().getDeclaringClass() == AccountController.class
                        && g.method().getAnnotation(Requires.class) == null);

        List<String> wrong = new ArrayList<>();
        for (Guarded g : guarded) {
            Set<Permission> others = EnumSet.allOf(Permission.class);
            others.remove(g.permission());
            signInWith(others);
            Throwable outcome = call(g);
            if (!(outcome instanceof AccessDeniedException)) {
                wrong.add(g + " with every other permission: " + outcome);
            }
            SecurityContextHolder.clearContext();
            outcome = call(g);
            if (!(outcome instanceof AuthenticationCredentialsNotFoundException)) {
                wrong.add(g + " signed out: " + outcome);
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** A small class of its own: grants, the class's permission as fallback, a method's own winning. */
    @Requires(Permission.CASE_READ)
    static class Sample {
        String read() {
            return "read";
        }

        @Requires(Permission.CASE_WRITE)
        String write() {
            return "written";
        }
    }

    static class Unguarded {
        String open() {
            return "open";
        }
    }

    @Test
    void aCallerHoldingThePermissionIsLetThrough() {
        Sample sample = proxied(new Sample(), RequiresAuthorization.requiresAdvisor());

        signInWith(EnumSet.of(Permission.CASE_READ));
        assertThat(sample.read()).isEqualTo("read");
        assertThatThrownBy(sample::write).isInstanceOf(AccessDeniedException.class);

        signInWith(EnumSet.of(Permission.CASE_WRITE));
        assertThat(sample.write()).isEqualTo("written");
        assertThatThrownBy(sample::read).isInstanceOf(AccessDeniedException.class);

        Unguarded open = proxied(new Unguarded(), RequiresAuthorization.requiresAdvisor());
        signInWith(EnumSet.noneOf(Permission.class));
        assertThat(open.open()).isEqualTo("open");
    }

    @Test
    void aMethodWhosePermissionCannotBeFoundIsRefused() throws Exception {
        RequiresAuthorization.PermissionCheck check = new RequiresAuthorization.PermissionCheck();
        assertThat(RequiresAuthorization.PermissionCheck.permissionOf(
                        Unguarded.class.getDeclaredMethod("open"), Unguarded.class))
                .isNull();
        assertThat(RequiresAuthorization.PermissionCheck.permissionOf(
                        Sample.class.getDeclaredMethod("read"), Sample.class))
                .isEqualTo(Permission.CASE_READ);
        Unguarded refused = proxied(new Unguarded(), (MethodInterceptor) invocation ->
                check.authorize(() -> SecurityContextHolder.getContext().getAuthentication(), invocation)
                                .isGranted()
                        ? invocation.proceed()
                        : "refused");
        signInWith(EnumSet.allOf(Permission.class));
        assertThat(refused.open()).isEqualTo("refused");
    }

    /** A class-based proxy of the target with this advisor or advice, as Spring proxies a bean. */
    @SuppressWarnings("unchecked")
    private static <T> T proxied(T target, Object advice) {
        ProxyFactory factory = new ProxyFactory(target);
        factory.setProxyTargetClass(true);
        if (advice instanceof org.springframework.aop.Advisor advisor) {
            factory.addAdvisor(advisor);
        } else {
            factory.addAdvice((org.aopalliance.aop.Advice) advice);
        }
        return (T) factory.getProxy();
    }

    private static void signInWith(Set<Permission> permissions) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        "tester",
                        null,
                        permissions.stream()
                                .map(p -> new SimpleGrantedAuthority(p.authority()))
                                .toList()));
    }

    /** Calls the method through the bean (its proxy) with empty arguments; what it threw, or null. */
    private static Throwable call(Guarded g) throws IllegalAccessException {
        Object[] arguments = Arrays.stream(g.method().getParameterTypes())
                .map(RequiresAuthorizationTests::empty)
                .toArray();
        g.method().setAccessible(true);
        try {
            g.method().invoke(g.bean(), arguments);
            return null;
        } catch (InvocationTargetException thrown) {
            return thrown.getCause();
        }
    }

    private static Object empty(Class<?> type) {
        return type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0) : null;
    }
}
