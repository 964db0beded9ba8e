package org.haven.platform;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends plain-text mail written from the message bundles, when SMTP is configured
 * ({@code HAVEN_SMTP_HOST}). A failure is logged by its kind only: never the address or the text.
 */
@Component
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final MessageSource messages;
    private final HavenProperties properties;
    private final String host;

    Mailer(
            ObjectProvider<JavaMailSender> sender,
            MessageSource messages,
            HavenProperties properties,
            @Value("${spring.mail.host:}") String host) {
        this.sender = sender;
        this.messages = messages;
        this.properties = properties;
        this.host = host;
    }

    public boolean enabled() {
        return !host.isBlank() && sender.getIfAvailable() != null;
    }

    /**
     * Sends the message whose subject and body are {@code <key>.subject} and {@code <key>.body};
     * returns whether the mail server accepted it.
     */
    public boolean send(String to, String key, Object[] arguments, Locale locale) {
        if (!enabled()) {
            return false;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.mail().from());
        message.setTo(to);
        message.setSubject(messages.getMessage(key + ".subject", null, locale));
        message.setText(messages.getMessage(key + ".body", arguments, locale));
        try {
            sender.getObject().send(message);
            return true;
        } catch (MailException e) {
            log.warn("An e-mail ({}) could not be sent: {}", key, e.getClass().getSimpleName());
            return false;
        }
    }

    /** The public address of Haven, for links in mail. */
    public String publicUrl() {
        return properties.publicUrl();
    }
}
