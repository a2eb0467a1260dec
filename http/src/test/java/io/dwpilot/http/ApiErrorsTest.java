package io.dwpilot.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletionException;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** What an error answer tells the caller, and what only the log keeps. */
class ApiErrorsTest {
    @Test
    void anUnforeseenFailureAnswersOnlyAnErrorIdThatTheLogLineHolds() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ApiErrors.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            HttpResponse response = ApiErrors.toResponse(new CompletionException(
                    new IllegalStateException("org.postgresql.core.v3.QueryExecutorImpl broke at 0xdeadbeef")));

            assertThat(response.status().intValue()).isEqualTo(500);
            String body = ((HttpEntity.Strict) response.entity()).getData().utf8String();
            JsonNode error = Json.MAPPER.readTree(body);
            String errorId = error.path("detail").path("errorId").asText();
            assertThat(error.path("error").asText()).isEqualTo("internal_error");
            assertThat(errorId).isNotBlank();
            assertThat(error.path("message").asText()).contains(errorId);
            assertThat(body)
                    .doesNotContain("QueryExecutorImpl")
                    .doesNotContain("deadbeef")
                    .doesNotContain("Exception");
            assertThat(log.list).singleElement().satisfies(line -> {
                assertThat(line.getFormattedMessage()).contains(errorId);
                assertThat(line.getThrowableProxy().getMessage()).contains("QueryExecutorImpl");
            });
        } finally {
            logger.detachAppender(log);
        }
    }

    @Test
    void aMessageQuotesAtMostAShortPrefixOfTheInput() throws Exception {
        String input = "z".repeat(100_000);
        HttpResponse response = ApiErrors.badRequest("text must be shorter, got " + Quoted.prefix(input));
        String message = Json.MAPPER
                .readTree(((HttpEntity.Strict) response.entity()).getData().utf8String())
                .path("message")
                .asText();
        assertThat(message).contains("z".repeat(Quoted.PREFIX)).contains("100000 characters");
        assertThat(message).hasSizeLessThanOrEqualTo(ApiErrors.MAX_MESSAGE);
        assertThat(ApiErrors.badRequest(input).entity().getContentLengthOption().getAsLong())
                .isLessThan(ApiErrors.MAX_MESSAGE + 100);
    }
}
