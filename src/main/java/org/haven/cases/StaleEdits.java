package org.haven.cases;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * Brings a refused, stale edit up to date without losing anyone's work: a field the person did not
 * touch takes the value saved since; a field they changed keeps what they typed; a field both changed
 * is named, with the value saved now, so they decide. The form carries what it was based on in a
 * hidden field (the same values the page already shows).
 */
final class StaleEdits {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StaleEdits() {}

    /** The merged form and the fields both people changed, with the value saved now. */
    record Merged(CaseForms.Edit form, List<Conflict> conflicts) {}

    /** A field someone else changed too: its name and the value saved now. */
    record Conflict(String field, String saved) {}

    static String base(CaseForms.Edit form) {
        return Base64.getUrlEncoder().encodeToString(JSON.writeValueAsBytes(form));
    }

    /** The form that was read, or null when the hidden field is missing or damaged. */
    static CaseForms.Edit read(String base) {
        if (base == null || base.isBlank() || base.length() > 200_000) {
            return null;
        }
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(base), CaseForms.Edit.class);
        } catch (RuntimeException damaged) {
            return null;
        }
    }

    static Merged merge(CaseForms.Edit typed, CaseForms.Edit base, CaseForms.Edit current) {
        RecordComponent[] components = CaseForms.Edit.class.getRecordComponents();
        Object[] values = new Object[components.length];
        List<Conflict> conflicts = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            Object mine = value(components[i], typed);
            Object now = value(components[i], current);
            // Without the form's base, everything typed counts as changed: nothing of theirs is dropped.
            Object before = base == null ? null : value(components[i], base);
            if (name.equals("version") || (base != null && same(mine, before))) {
                values[i] = now;
            } else {
                values[i] = mine;
                if ((base == null || !same(now, before)) && !same(now, mine)) {
                    conflicts.add(new Conflict(name, shown(now)));
                }
            }
        }
        try {
            Class<?>[] types = java.util.Arrays.stream(components)
                    .map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
            return new Merged(CaseForms.Edit.class.getDeclaredConstructor(types).newInstance(values), conflicts);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Empty and missing are the same answer on a form. */
    private static boolean same(Object a, Object b) {
        return Objects.equals(normal(a), normal(b));
    }

    private static Object normal(Object value) {
        if (value instanceof String text) {
            return text.strip().isEmpty() ? null : text.strip();
        }
        if (value instanceof List<?> list) {
            return list.isEmpty()
                    ? null
                    : list.stream().map(String::valueOf).sorted().toList();
        }
        return value;
    }

    private static Object value(RecordComponent component, CaseForms.Edit form) {
        try {
            return component.getAccessor().invoke(form);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String shown(Object value) {
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return value == null ? "—" : value.toString();
    }
}
