package org.haven.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The session cookie: {@code HttpOnly}, {@code SameSite=Lax}, and over TLS {@code Secure} with the
 * {@code __Host-} prefix (bound to this host and path "/", never sent over plain HTTP). A local start
 * on plain HTTP cannot use the prefix, so the name follows the request. Behind a TLS-terminating
 * proxy, {@code server.forward-headers-strategy=native} makes forwarded HTTPS requests count as secure.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookies {

    static final String PLAIN_NAME = "HAVEN_SESSION";
    static final String SECURE_NAME = "__Host-HAVEN_SESSION";

    @Bean
    CookieSerializer cookieSerializer() {
        DefaultCookieSerializer plain = serializer(PLAIN_NAME, false);
        DefaultCookieSerializer secure = serializer(SECURE_NAME, true);
        return new CookieSerializer() {
            @Override
            public void writeCookieValue(CookieValue cookieValue) {
                pick(cookieValue.getRequest()).writeCookieValue(cookieValue);
            }

            @Override
            public List<String> readCookieValues(HttpServletRequest request) {
                return pick(request).readCookieValues(request);
            }

            private CookieSerializer pick(HttpServletRequest request) {
                return request.isSecure() ? secure : plain;
            }
        };
    }

    private static DefaultCookieSerializer serializer(String name, boolean secure) {
        DefaultCookieSerializer serializer = new DefaultCookieSerializer();
        serializer.setCookieName(name);
        serializer.setCookiePath("/");
        serializer.setUseHttpOnlyCookie(true);
        serializer.setSameSite("Lax");
        serializer.setUseSecureCookie(secure);
        serializer.setUseBase64Encoding(true);
        return serializer;
    }
}
