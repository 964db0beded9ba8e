package org.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.haven.HavenTest;
import org.haven.audit.AuditTrail;
import org.haven.identity.ApiClient;
import org.haven.identity.CurrentUser;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.Role;
import org.haven.platform.OrganizationScope;
import org.haven.platform.Refusal;
import org.haven.vault.BlindIndex;
import org.haven.vault.FieldCipher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@HavenTest
class PeopleTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    People people;

    @Autowired
    JdbcClient jdbc;

    IdentityFixtures fixtures;
    UUID organization;
    CurrentUser caseworker;

    @BeforeEach
    void setUp() {
        fixtures = new IdentityFixtures(context);
        organization = fixtures.organization("People");
        caseworker = fixtures.actor(organization, Role.CASEWORKER);
    }

    @Test
    void staffFindSreymomHoweverTheNameIsTyped() {
        UUID sreymom = register("Sreymom Chan", "ស្រីមុំ ចាន់", List.of(), "+855 12 345 678");
        UUID bopha = register("Bopha Keo", "បុប្ផា កែវ", List.of("Pha"), "+855 11 222 333");
        register("Sokunthea Meas", null, List.of(), null);

        for (String typed : List.of("Sreymom", "Srey Mom", "sreymum", "SREY-MOM CHAN", "ស្រីមុំ", "012 345 678")) {
            List<People.Match> found = people.search(caseworker, typed);
            assertThat(found).as(typed).isNotEmpty();
            assertThat(found.get(0).id()).as(typed).isEqualTo(sreymom);
            assertThat(found).extracting(People.Match::id).as(typed).doesNotContain(bopha);
        }
        assertThat(people.search(caseworker, "Pha"))
                .extracting(People.Match::id)
                .containsExactly(bopha);
        assertThat(people.search(caseworker, "Vannak")).isEmpty();
    }

    @Test
    void nameTokensRememberedForABulkLoadAreTheTokensComputedAfresh() {
        Map<String, List<BlindIndex.Token>> remembered = new HashMap<>();
        List<Map<String, String>> children = List.of(
                People.normalized(
                        new PersonInput(
                                "Sreymom Chan", "ស្រីមុំ ចាន់", List.of("Mom"), null, null, "+855 12 345 678", null),
                        null),
                People.normalized(
                        new PersonInput("Srey Mom Chan", null, List.of("Sreymom Chan"), null, null, null, null), null),
                People.normalized(
                        new PersonInput("Sreymom Chan", "ស្រីមុំ ចាន់", List.of(), null, null, "+855 11 222 333", null),
                        null));

        for (Map<String, String> child : children) {
            assertThat(people.tokensOf(organization, child, remembered))
                    .isEqualTo(people.tokensOf(organization, child))
                    .doesNotHaveDuplicates();
        }
        assertThat(remembered).containsOnlyKeys("Sreymom Chan", "ស្រីមុំ ចាន់", "Mom", "Srey Mom Chan");
        assertThat(people.tokensOf(fixtures.organization("Elsewhere"), children.get(0)))
                .doesNotContainAnyElementsOf(people.tokensOf(organization, children.get(0)));
    }

    @Test
    void anotherOrganizationNeitherFindsNorOpensThem() {
        UUID sreymom = register("Sreymom Chan", null, List.of(), null);
        CurrentUser stranger = fixtures.actor(fixtures.organization("Elsewhere"), Role.SUPERVISOR);

        assertThat(people.search(stranger, "Sreymom")).isEmpty();
        assertThatThrownBy(() -> people.get(stranger, sreymom))
                .isInstanceOf(Refusal.class)
                .hasMessage("person.notFound");
    }

    @Test
    void readsSearchesAndChangesAreAuditedWithTheirParticularsEncrypted() {
        UUID id = register("Dara Sok", null, List.of(), "097 000 1111");
        people.get(caseworker, id);
        people.search(caseworker, "Dara");
        PersonView before = people.get(caseworker, id);
        people.change(
                caseworker, id, before.version(), new PersonInput(null, null, null, null, null, "097 222 3333", ""));

        List<Map<String, Object>> events = jdbc.sql(
                        "SELECT action, actor_id, fields, details FROM audit_event WHERE record_id = ? ORDER BY seq")
                .param(id)
                .query()
                .listOfRows();
        assertThat(events)
                .extracting(e -> e.get("action"))
                .containsExactly("RECORD_CREATED", "RECORD_READ", "RECORD_READ", "RECORD_CHANGED");
        assertThat(events).extracting(e -> e.get("actor_id")).containsOnly(caseworker.id());
        assertThat(events.get(3).get("fields")).isEqualTo("phone");
        assertThat(new String((byte[]) events.get(3).get("details"), StandardCharsets.ISO_8859_1))
                .doesNotContain("097");
        Map<String, Object> search = jdbc.sql("SELECT fields, details FROM audit_event WHERE action = 'RECORD_SEARCHED'"
                        + " AND actor_id = ?")
                .param(caseworker.id())
                .query()
                .singleRow();
        assertThat(new String((byte[]) search.get("details"), StandardCharsets.ISO_8859_1))
                .doesNotContain("Dara");
    }

    @Test
    void theApiCreatesWithLocationAndEtagAndRefusesStaleOrBlindChanges() {
        String token = fixtures.token(fixtures.person(organization, Role.CASEWORKER));
        ApiClient api = new ApiClient(port);
        HttpResponse<String> created = api.post(
                "/api/v1/people", token, "{\"name\": \"Kosal Lim\", \"birthDate\": \"2012-05-01\", \"sex\": \"MALE\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String location = created.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("/api/v1/people/");
        assertThat(created.headers().firstValue("ETag")).contains("\"0\"");

        HttpResponse<String> read = api.get(location, token);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("\"name\":\"Kosal Lim\"", "\"birthDate\":\"2012-05-01\"");

        assertThat(api.patch(location, token, "{\"name\": \"Kosal Lim Heng\"}", "\"0\"")
                        .statusCode())
                .isEqualTo(200);
        HttpResponse<String> stale = api.patch(location, token, "{\"name\": \"Someone else\"}", "\"0\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.body()).contains("person.stale");
        assertThat(api.patch(location, token, "{\"name\": \"No version\"}", null)
                        .statusCode())
                .isEqualTo(428);
        assertThat(api.get(location, token).body()).contains("Kosal Lim Heng");

        HttpResponse<String> invalid =
                api.post("/api/v1/people", token, "{\"name\": \"X\", \"birthDate\": \"2999-01-01\"}");
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(invalid.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(api.post("/api/v1/people", token, "{\"nameKhmer\": \"គ\"}").statusCode())
                .isEqualTo(422);
        String query = URLEncoder.encode("kosal", StandardCharsets.UTF_8);
        assertThat(api.get("/api/v1/people?q=" + query, token).body()).contains(location.substring(15));
    }

    @Test
    void readingNeedsTheCasePermission() {
        CurrentUser analyst = fixtures.actor(organization, Role.ANALYST);
        assertThatThrownBy(() -> people.search(analyst, "anyone"))
                .isInstanceOf(Refusal.class)
                .hasMessage("person.forbidden");
        String token = fixtures.token(fixtures.person(organization, Role.ANALYST));
        assertThat(new ApiClient(port).get("/api/v1/people?q=x", token).statusCode())
                .isEqualTo(403);
    }

    @Test
    void leavingCommonTokensOutStillFindsTheChildHoweverTyped(
            @Autowired FieldCipher cipher,
            @Autowired BlindIndex index,
            @Autowired AuditTrail audit,
            @Autowired java.time.Clock clock,
            @Autowired CaseAccess access,
            @Autowired TransactionTemplate transactions,
            @Autowired SearchPostings postings) {
        // Eight children share the family name Sok: with a threshold of four, "sok", its sound and its
        // trigrams are common tokens, left out whenever a rarer one finds someone.
        UUID dara = register("Sok Dara", "សុខ ដារ៉ា", List.of(), null);
        for (String given : List.of("Dany", "Vanna", "Pisey", "Chenda", "Bopha", "Kanha", "Sreyneang")) {
            register("Sok " + given, null, List.of(), null);
        }
        register("Chan Dara", null, List.of(), null);
        People pruning = new People(jdbc, cipher, index, audit, clock, access, postings, 4);
        People allTokens = new People(jdbc, cipher, index, audit, clock, access, postings, 0);

        for (String typed : List.of("Sok Dara", "sokdara", "Sok Drara", "Sko Dara", "SOK DARAA", "សុខ ដារ៉ា")) {
            List<UUID> found = ids(transactions, pruning, typed);
            assertThat(found).as(typed).isNotEmpty();
            assertThat(found.get(0)).as(typed).isEqualTo(dara);
            assertThat(found).as(typed).isEqualTo(ids(transactions, allTokens, typed));
        }
        // A name made only of common tokens: every token counts, each with its first four people, the
        // ones that win the tie (all eight match equally) without the threshold.
        List<UUID> everySok = ids(transactions, allTokens, "Sok");
        assertThat(everySok).hasSize(8);
        assertThat(ids(transactions, pruning, "Sok")).isEqualTo(everySok.subList(0, 4));
    }

    @Test
    void beyondTheSearchShareStaffAreAskedToSearchAgainWhileOtherWorkGoesOn(@Autowired SearchShare share)
            throws Exception {
        register("Sok Dara", null, List.of(), null);
        String token = fixtures.token(fixtures.person(organization, Role.CASEWORKER));
        ApiClient api = new ApiClient(port);
        int permits = share.available();
        CountDownLatch inside = new CountDownLatch(permits);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService searches = Executors.newFixedThreadPool(permits);
        try {
            for (int i = 0; i < permits; i++) {
                searches.submit(() -> share.run(() -> {
                    inside.countDown();
                    try {
                        return release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }));
            }
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

            for (String search : List.of("/api/v1/people?q=Sok", "/api/v1/cases?query=Sok")) {
                HttpResponse<String> busy = api.get(search, token);
                assertThat(busy.statusCode()).as(search).isEqualTo(503);
                assertThat(busy.headers().firstValue("Retry-After")).as(search).contains("5");
                assertThat(busy.body()).as(search).contains("search.busy", "search again in a few seconds");
            }
            assertThat(api.get("/api/v1/cases", token).statusCode())
                    .as("a list without a name search is not held back")
                    .isEqualTo(200);
        } finally {
            release.countDown();
            searches.shutdown();
            assertThat(searches.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(share.available()).isEqualTo(permits);
        assertThat(api.get("/api/v1/people?q=Sok", token).body()).contains("Sok Dara");
    }

    private List<UUID> ids(TransactionTemplate transactions, People finder, String typed) {
        return transactions.execute(status -> {
            OrganizationScope.enter(jdbc, organization);
            return finder.matching(organization, typed).stream()
                    .map(found -> found.person().id())
                    .toList();
        });
    }

    private UUID register(String name, String khmer, List<String> aliases, String phone) {
        return people.register(caseworker, new PersonInput(name, khmer, aliases, "FEMALE", null, phone, null))
                .id();
    }
}
