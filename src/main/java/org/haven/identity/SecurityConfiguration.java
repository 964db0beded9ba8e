package org.haven.identity;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import org.haven.platform.HavenProperties;
import org.haven.platform.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.DefaultSecurityFilterChain;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.webauthn.authentication.PublicKeyCredentialRequestOptionsFilter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;

/**
 * Two filter chains. The API chain ({@code /api/**}, {@code /actuator/**}) authenticates bearer
 * tokens only: no cookies, no session, hence no CSRF. The web chain uses a server-side session,
 * form sign-in followed by the second factor, and CSRF tokens on every form. Both deny by default
 * and send strict security headers.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    /**
     * No observations of Spring Security's filters, authentications and authorizations: with these off,
     * the filters are not wrapped at all (the property {@code management.observations.enable.spring.security}
     * only made each wrapper a no-op, still asked per filter and request). Requests are still measured as
     * a whole ({@code http.server.requests}). Decision 46.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /**
     * The public report pages: open to anyone, and stateless: no session, no cookie, no saved request.
     * Without a session there is nothing for a cross-site request to ride on, so no CSRF token either;
     * a person reporting needs nothing stored in their browser.
     */
    @Bean
    @Order(0)
    SecurityFilterChain publicReports(HttpSecurity http) throws Exception {
        http.securityMatcher("/report", "/report/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.securityContextRepository(
                        new org.springframework.security.web.context.RequestAttributeSecurityContextRepository()))
                .headers(SecurityConfiguration::headers);
        return http.build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens) throws Exception {
        BearerTokenFilter bearer = new BearerTokenFilter(tokens);
        http.securityMatcher("/api/**", "/actuator/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                HttpMethod.GET, "/api/v1/openapi.json", "/api/v1/openapi.json/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/docs", "/api/v1/docs/**", "/api/v1/swagger-ui/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .requestMatchers("/actuator/prometheus")
                        .hasAuthority(Permission.METRICS_READ.authority())
                        .requestMatchers("/api/v1/**")
                        .hasAuthority(Permission.SIGN_IN.authority())
                        .anyRequest()
                        .denyAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.securityContextRepository(
                        new org.springframework.security.web.context.RequestAttributeSecurityContextRepository()))
                .anonymous(Customizer.withDefaults())
                .addFilterBefore(bearer, BasicAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> Problems.write(
                                response,
                                HttpServletResponse.SC_UNAUTHORIZED,
                                "Unauthorized",
                                "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) -> Problems.write(
                                response,
                                HttpServletResponse.SC_FORBIDDEN,
                                "Forbidden",
                                "This token does not allow this request.")))
                .headers(SecurityConfiguration::headers);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(
            HttpSecurity http,
            SecurityContextRepository contexts,
            SignInRouting routing,
            HavenProperties properties,
            Clock clock,
            PasskeySignIn passkeySignIn,
            PasskeyConfiguration.Origins origins,
            PasskeyCeremonies ceremonies,
            IdentityEvents events)
            throws Exception {
        SessionLimits limits = new SessionLimits(properties, clock);
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/login",
                                "/activate/**",
                                "/css/**",
                                "/js/**",
                                "/fonts/**",
                                "/favicon.ico",
                                "/error",
                                "/language")
                        .permitAll()
                        .requestMatchers("/mfa/enroll", "/mfa/enroll/**")
                        .hasAnyAuthority(PendingSignIn.AUTHORITY, Permission.SIGN_IN.authority())
                        .requestMatchers("/mfa", "/mfa/**")
                        .hasAuthority(PendingSignIn.AUTHORITY)
                        .anyRequest()
                        .hasAuthority(Permission.SIGN_IN.authority()))
                // Not .authenticationProvider(authenticator): the provider bean is already the global
                // (parent) manager's, and a provider in both is asked twice after every refusal, which
                // counted each wrong password twice towards the lockout.
                .securityContext(context -> context.securityContextRepository(contexts))
                .formLogin(login -> login.loginPage("/login")
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .successHandler(routing)
                        .failureUrl("/login?error"))
                .webAuthn(passkeys -> passkeys.rpName("Haven")
                        .rpId(origins.rpId)
                        .allowedOrigins(origins.values)
                        .disableDefaultRegistrationPage(true)
                        .creationOptionsRepository(ceremonies)
                        .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
                            @Override
                            public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationSuccessHandler(passkeySignIn);
                                // As Spring Security's default (401), and audited like other refusals.
                                filter.setAuthenticationFailureHandler((request, response, refused) -> {
                                    events.signInRefused(null, null, "passkey", null);
                                    response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                                });
                                filter.setRequestOptionsRepository(ceremonies.requestOptions());
                                return filter;
                            }
                        }))
                .logout(logout -> logout.logoutUrl("/logout")
                        .addLogoutHandler((request, response, authentication) -> {
                            CurrentUser user = SignIns.current(authentication);
                            if (user != null) {
                                events.account(
                                        IdentityEvent.Kind.SIGN_OUT, user.organizationId(), user.id(), user.id());
                            }
                        })
                        .logoutSuccessUrl("/login?signedOut"))
                .sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.changeSessionId()))
                .exceptionHandling(errors -> errors.accessDeniedHandler(routing))
                .addFilterBefore(limits, AuthorizationFilter.class)
                .headers(SecurityConfiguration::headers);
        DefaultSecurityFilterChain chain = http.build();
        // Spring Security offers no setting for this filter's store; see PasskeyCeremonies.
        chain.getFilters().stream()
                .filter(PublicKeyCredentialRequestOptionsFilter.class::isInstance)
                .map(PublicKeyCredentialRequestOptionsFilter.class::cast)
                .forEach(filter -> filter.setRequestOptionsRepository(ceremonies.requestOptions()));
        return chain;
    }

    static void headers(HeadersConfigurer<HttpSecurity> headers) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
                .frameOptions(frame -> frame.deny())
                .httpStrictTransportSecurity(
                        hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                .permissionsPolicyHeader(permissions ->
                        permissions.policy("camera=(), microphone=(), geolocation=(), payment=(), usb=()"));
    }
}
