package org.haven.identity;

import java.util.Locale;
import org.haven.platform.HavenProperties;
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
 * Sends the activation link to an invited person when SMTP is configured ({@code HAVEN_SMTP_HOST}).
 * The administrator always sees the link too, so a mail failure never blocks an invitation. Logs name
 * neither the address nor the link.
 */
@Component
class InvitationMail {

    private static final Logger log = LoggerFactory.getLogger(InvitationMail.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final MessageSource messages;
    private final HavenProperties properties;
    private final String host;

    InvitationMail(
            ObjectProvider<JavaMailSender> sender,
            MessageSource messages,
            HavenProperties properties,
            @Value("${spring.mail.host:}") String host) {
        this.sender = sender;
        this.messages = messages;
        this.properties = properties;
        this.host = host;
    }

    boolean enabled() {
        return !host.isBlank() && sender.getIfAvailable() != null;
    }

    /** Sends the invitation; returns whether it was handed to the mail server. */
    boolean send(String email, String name, String link, Locale locale) {
        if (!enabled()) {
            return false;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.mail().from());
        message.setTo(email);
        message.setSubject(messages.getMessage("mail.invitation.subject", null, locale));
        message.setText(messages.getMessage("mail.invitation.body", new Object[] {name, link}, locale));
        try {
            sender.getObject().send(message);
            return true;
        } catch (MailException e) {
            log.warn("An invitation e-mail could not be sent: {}", e.getClass().getSimpleName());
            return false;
        }
    }
}
