package org.haven.platform;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Web MVC settings shared by every module. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    @Bean
    LocaleResolver localeResolver() {
        return new HavenLocales();
    }

    /** Outermost, ahead of the session store: see {@link DatabaseBusy}. */
    @Bean
    FilterRegistrationBean<DatabaseBusy> databaseBusy(LocaleResolver localeResolver, MessageSource messages) {
        FilterRegistrationBean<DatabaseBusy> registration =
                new FilterRegistrationBean<>(new DatabaseBusy(localeResolver, messages));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Next inside {@link DatabaseBusy}, which can still answer busy when nothing went out yet. */
    @Bean
    FilterRegistrationBean<WholeAnswers> wholeAnswers() {
        FilterRegistrationBean<WholeAnswers> registration = new FilterRegistrationBean<>(new WholeAnswers());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Spring MVC's mapping of requests to controllers, passing over mappings the path cannot match. */
    @Bean
    WebMvcRegistrations pathShapedMapping() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PathShapedMapping();
            }
        };
    }
}
