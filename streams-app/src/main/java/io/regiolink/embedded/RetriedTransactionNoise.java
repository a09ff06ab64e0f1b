package io.regiolink.embedded;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Drops the log lines of one routine, self-healing exchange between Kafka 4's exactly-once
 * producers and the broker (transactions v2, KAFKA-18202): when a new transaction's first batch
 * to a partition is refused with CONCURRENT_TRANSACTIONS, the batches behind it are refused with
 * a retriable OutOfOrderSequenceException, and all are retried in order. The broker logs each
 * refusal as an ERROR with a stack trace and the producer a WARN; in the demo that is dozens of
 * alarming lines per minute about nothing an operator can or should do. Other errors pass.
 */
public final class RetriedTransactionNoise extends Filter<ILoggingEvent> {
  @Override
  public FilterReply decide(ILoggingEvent event) {
    String logger = event.getLoggerName();
    if (logger.equals("kafka.server.ReplicaManager") && causedBy(event.getThrowableProxy(),
        "org.apache.kafka.common.errors.OutOfOrderSequenceException")) {
      return FilterReply.DENY;
    }
    if (logger.equals("org.apache.kafka.clients.producer.internals.Sender")) {
      String message = event.getFormattedMessage();
      if (message.contains("retrying") && (message.endsWith("Error: CONCURRENT_TRANSACTIONS")
          || message.endsWith("Error: OUT_OF_ORDER_SEQUENCE_NUMBER"))) {
        return FilterReply.DENY;
      }
    }
    return FilterReply.NEUTRAL;
  }

  private static boolean causedBy(IThrowableProxy throwable, String className) {
    for (IThrowableProxy t = throwable; t != null; t = t.getCause()) {
      if (className.equals(t.getClassName())) {
        return true;
      }
    }
    return false;
  }
}
