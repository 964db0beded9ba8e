// Haven audit bundle verifier. Needs only a JDK (17 or later); nothing from Haven.
//
//   java VerifyAuditBundle.java haven-audit.zip
//
// It recomputes every SHA-256 digest and chain link in chain.tsv, checks that each event's canonical
// bytes hash to its digest, checks every checkpoint's Ed25519 signature with public-key.pem and that
// the recomputed chain reaches the signed value, and lists the events of the exported period.
// Exit status 0: intact; 1: a discrepancy (printed); 2: the bundle cannot be read.
// The format is described in README.txt inside the bundle.

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

public class VerifyAuditBundle {

    static final String[] FIELDS = {
        "id", "xid", "seq", "occurred_at", "organization_id", "actor_id", "channel", "action", "outcome",
        "record_type", "record_id", "fields", "details"
    };

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java VerifyAuditBundle.java BUNDLE.zip");
            System.exit(2);
        }
        List<String> problems = new ArrayList<>();
        try (ZipFile zip = new ZipFile(args[0])) {
            PublicKey key = publicKey(read(zip, "public-key.pem"));
            Map<Long, String[]> checkpoints = new HashMap<>();
            for (String line : read(zip, "checkpoints.tsv").split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] c = line.split("\t");
                    checkpoints.put(Long.parseLong(c[0]), c);
                }
            }
            byte[] chain = new byte[32];
            long expected = 1;
            long events = 0;
            long listed = 0;
            long lastPosition = 0;
            long lastCheckpoint = 0;
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                    zip.getInputStream(zip.getEntry("chain.tsv")), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] row = line.split("\t");
                    long position = Long.parseLong(row[0]);
                    String eventId = row[1];
                    byte[] digest = HexFormat.of().parseHex(row[2]);
                    byte[] stored = HexFormat.of().parseHex(row[3]);
                    if (position != expected) {
                        problems.add("position " + expected + " is missing before " + position);
                    }
                    expected = position + 1;
                    if (!row[4].equals("-")) {
                        byte[] canonical = Base64.getDecoder().decode(row[4]);
                        if (!Arrays.equals(sha.digest(canonical), digest)) {
                            problems.add("event " + eventId + " (position " + position + ") does not match its digest");
                        }
                        Map<String, String> event = decode(canonical);
                        if (!eventId.equals(event.get("id"))) {
                            problems.add("position " + position + " names event " + eventId + " but holds " + event.get("id"));
                        }
                        System.out.println(position + "\t" + Instant.EPOCH.plusNanos(1000 * Long.parseLong(event.get("occurred_at")))
                                + "\t" + event.get("action") + "\t" + event.get("outcome") + "\tactor=" + event.get("actor_id")
                                + "\torganization=" + event.get("organization_id") + "\t" + event.get("record_type") + "="
                                + event.get("record_id") + "\tfields=" + event.get("fields") + "\tvia=" + event.get("channel"));
                        listed++;
                    }
                    sha.update(chain);
                    sha.update(digest);
                    chain = sha.digest();
                    if (!Arrays.equals(chain, stored)) {
                        problems.add("the chain breaks at position " + position + " (event " + eventId + ")");
                        chain = stored;
                    }
                    String[] checkpoint = checkpoints.remove(position);
                    if (checkpoint != null) {
                        String message = "haven-audit-checkpoint-v1|" + position + "|" + checkpoint[1] + "|" + checkpoint[2];
                        Signature verifier = Signature.getInstance("Ed25519");
                        verifier.initVerify(key);
                        verifier.update(message.getBytes(StandardCharsets.US_ASCII));
                        if (!verifier.verify(Base64.getDecoder().decode(checkpoint[3]))) {
                            problems.add("the checkpoint at position " + position + " has an invalid signature");
                        } else if (!HexFormat.of().formatHex(chain).equals(checkpoint[1])) {
                            problems.add("the chain at position " + position + " differs from the signed checkpoint");
                        } else {
                            lastCheckpoint = position;
                        }
                    }
                    lastPosition = position;
                    events++;
                }
            }
            for (Long position : checkpoints.keySet()) {
                problems.add("a checkpoint at position " + position + " lies beyond the exported chain");
            }
            System.err.println("chain positions checked: " + events + ", events of the period listed: " + listed
                    + ", last signed checkpoint at position " + lastCheckpoint + " of " + lastPosition);
            if (lastCheckpoint < lastPosition) {
                problems.add("positions after " + lastCheckpoint + " are not covered by a signed checkpoint");
            }
        } catch (Exception e) {
            System.err.println("The bundle cannot be read: " + e);
            System.exit(2);
        }
        if (problems.isEmpty()) {
            System.err.println("INTACT: every digest, link and signature checks out.");
            System.exit(0);
        }
        problems.forEach(problem -> System.err.println("PROBLEM: " + problem));
        System.exit(1);
    }

    static Map<String, String> decode(byte[] canonical) {
        ByteBuffer buffer = ByteBuffer.wrap(canonical);
        byte[] magic = new byte["haven-audit-v1".length()];
        buffer.get(magic);
        Map<String, String> event = new HashMap<>();
        for (String field : FIELDS) {
            int length = buffer.getInt();
            if (length < 0) {
                event.put(field, null);
                continue;
            }
            byte[] value = new byte[length];
            buffer.get(value);
            event.put(field, field.equals("details") ? "(" + length + " encrypted bytes)" : new String(value, StandardCharsets.UTF_8));
        }
        return event;
    }

    static PublicKey publicKey(String pem) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    static String read(ZipFile zip, String name) throws Exception {
        try (var in = zip.getInputStream(zip.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
