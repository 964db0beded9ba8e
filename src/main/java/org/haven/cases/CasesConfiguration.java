package org.haven.cases;

import java.util.List;
import org.haven.vault.EncryptedColumns;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The encrypted columns of this module, so key rotation re-encrypts them. Append-only tables
 * (break-glass reasons) cannot be rewritten and stay readable under the retired keys.
 */
@Configuration(proxyBeanMethods = false)
class CasesConfiguration {

    @Bean
    EncryptedColumns personColumns() {
        return columns(People.TABLE, People.ENCRYPTED);
    }

    @Bean
    EncryptedColumns relationColumns() {
        return columns(Relations.TABLE, Relations.ENCRYPTED);
    }

    @Bean
    EncryptedColumns caseColumns() {
        return columns(CaseFile.TABLE, CaseFile.ENCRYPTED);
    }

    @Bean
    EncryptedColumns consentColumns() {
        return columns(Consents.TABLE, Consents.ENCRYPTED);
    }

    @Bean
    EncryptedColumns assessmentColumns() {
        return columns(Assessments.TABLE, List.of("details"));
    }

    @Bean
    EncryptedColumns goalColumns() {
        return columns(CarePlans.GOALS, List.of("description"));
    }

    @Bean
    EncryptedColumns serviceColumns() {
        return columns(CarePlans.SERVICES, List.of("provider"));
    }

    @Bean
    EncryptedColumns noteColumns() {
        return columns(CaseNotes.TABLE, List.of("body"));
    }

    @Bean
    EncryptedColumns followUpColumns() {
        return columns(FollowUps.TABLE, List.of("notes"));
    }

    @Bean
    EncryptedColumns flagColumns() {
        return columns(WorkItems.FLAGS, List.of("reason"));
    }

    @Bean
    EncryptedColumns taskColumns() {
        return columns(WorkItems.TASKS, List.of("title"));
    }

    @Bean
    EncryptedColumns attachmentColumns() {
        return columns(Attachments.TABLE, List.of("file_name", "content"));
    }

    private static EncryptedColumns columns(String table, List<String> columns) {
        return new EncryptedColumns(table, "id", "organization_id", columns);
    }
}
