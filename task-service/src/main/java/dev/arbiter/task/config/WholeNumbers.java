package dev.arbiter.task.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Whole-number fields of task-service's requests take whole numbers only, and a number out of their type's range is
 * a bad value of that field: without this Jackson turns {@code 1.5} into 1 and {@code 1e400} or
 * {@code 99999999999999999999} into a parse failure that names no field. Both now fail as an invalid format of the
 * field, which the platform's problem mappers answer in the one validation shape, naming it.
 */
@Singleton
public class WholeNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.registerModule(new SimpleModule("whole-numbers")
                .addDeserializer(Integer.class, new Ranged<>(Integer.class, Integer.MIN_VALUE, Integer.MAX_VALUE,
                        new NumberDeserializers.IntegerDeserializer(Integer.class, null)))
                .addDeserializer(Long.class, new Ranged<>(Long.class, Long.MIN_VALUE, Long.MAX_VALUE,
                        new NumberDeserializers.LongDeserializer(Long.class, null))));
    }

    /** An integer token beyond the type's range is refused as a weird number of the field; the rest as Jackson does. */
    static final class Ranged<T extends Number> extends StdScalarDeserializer<T> {
        private final long min;
        private final long max;
        private final StdScalarDeserializer<T> standard;

        Ranged(Class<T> type, long min, long max, StdScalarDeserializer<T> standard) {
            super(type);
            this.min = min;
            this.max = max;
            this.standard = standard;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                JsonParser.NumberType type = p.getNumberType();
                boolean fits = type == JsonParser.NumberType.INT
                        || (type == JsonParser.NumberType.LONG && p.getLongValue() >= min && p.getLongValue() <= max);
                if (!fits) {
                    return (T) ctxt.handleWeirdNumberValue(handledType(), p.getNumberValue(),
                            "must be a whole number from " + min + " to " + max);
                }
            }
            return standard.deserialize(p, ctxt);
        }
    }
}
