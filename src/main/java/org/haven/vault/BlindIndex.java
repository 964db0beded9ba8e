package org.haven.vault;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Search on encrypted fields without plaintext in the database: a value's normalized, phonetic and
 * trigram tokens ({@link SearchableText}) are each reduced to a 64-bit keyed HMAC under the
 * organization's INDEX key, which is separate from its encryption key. The owner of the data stores
 * the tokens beside the ciphertext, looks candidates up by {@link #query}, ranks them by
 * {@link #score}, then confirms on decrypted values with {@link #similarityTo}.
 */
@Component
public class BlindIndex {

    /** A stored token and how much a match on it counts. */
    public record Token(long value, int weight) {}

    private final OrganizationKeys keys;

    BlindIndex(OrganizationKeys keys) {
        this.keys = keys;
    }

    /** The tokens to store for {@code value} in {@code field} (for example "person.name"). */
    public List<Token> tokens(UUID organization, String field, String value) {
        return tokens(mac(organization), field, value);
    }

    static List<Token> tokens(Mac mac, String field, String value) {
        List<Token> tokens = new ArrayList<>();
        for (SearchableText.Token token : SearchableText.tokens(value)) {
            tokens.add(new Token(hmac(mac, field, token), token.kind().weight));
        }
        return tokens;
    }

    /** The tokens of several values of one field (for example a name and its aliases), without repeats. */
    public List<Token> tokens(UUID organization, String field, Collection<String> values) {
        return values.stream()
                .flatMap(value -> tokens(organization, field, value).stream())
                .distinct()
                .toList();
    }

    /**
     * One token for the whole value, folded, for identifiers such as phone numbers, where sounds and
     * trigrams would only find unrelated numbers.
     */
    public Token exact(UUID organization, String field, String value) {
        String whole = SearchableText.fold(value).replace(" ", "");
        SearchableText.Token token = new SearchableText.Token(SearchableText.Kind.WHOLE, whole);
        return new Token(hmac(mac(organization), field, token), token.kind().weight);
    }

    /** The values of tokens, for SQL {@code = ANY(?)}. */
    public static Long[] values(Collection<Token> tokens) {
        return tokens.stream().map(Token::value).distinct().toArray(Long[]::new);
    }

    /** How well a candidate's matching tokens answer a query: the weights of the query tokens it has. */
    public static int score(Collection<Token> query, Collection<Long> matched) {
        return query.stream()
                .filter(token -> matched.contains(token.value()))
                .mapToInt(Token::weight)
                .sum();
    }

    /** Candidates ordered by score, best first. */
    public static <T> List<T> rank(Map<T, Integer> scores) {
        return scores.entrySet().stream()
                .sorted(Map.Entry.<T, Integer>comparingByValue(Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * How alike plaintext values are to {@code typed}, in [0, 1], for confirming candidates after
     * decryption; {@code typed} is prepared once for all the candidates of one search.
     */
    public static java.util.function.ToDoubleFunction<String> similarityTo(String typed) {
        return new SearchableText.Probe(typed)::similarity;
    }

    private Mac mac(UUID organization) {
        return keys.keys(organization, KeyPurpose.INDEX).primitive(Mac.class, BlindIndex::macOf);
    }

    private static long hmac(Mac mac, String field, SearchableText.Token token) {
        byte[] input = (field + '\u0000' + token.kind() + '\u0000' + token.text()).getBytes(StandardCharsets.UTF_8);
        try {
            return ByteBuffer.wrap(mac.computeMac(input)).getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A blind index token could not be computed", e);
        }
    }

    private static Mac macOf(KeysetHandle handle) {
        try {
            return handle.getPrimitive(RegistryConfiguration.get(), Mac.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The index keyset cannot compute MACs", e);
        }
    }
}
