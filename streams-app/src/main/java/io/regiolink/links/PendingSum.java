package io.regiolink.links;

import io.regiolink.avro.internal.CountDelta;
import io.regiolink.avro.internal.DeltaTarget;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The bytes of one pending delta sum in {@link DeltaCombiner}'s store: the seven measures and the
 * latest event time as fixed longs, then the delta's target and names. Adding a delta rewrites the
 * longs in place of a copy and never decodes the names, because this runs for every one of the
 * 10-30 deltas of every company change (as Avro it was a fifth of all stream-thread time).
 */
final class PendingSum {
  private static final int MEASURES = 7;
  private static final int EVENT_TIME = MEASURES * Long.BYTES;
  private static final int TARGET = EVENT_TIME + Long.BYTES;
  private static final int NAMES = TARGET + 1;

  private PendingSum() {}

  static byte[] of(CountDelta d) {
    byte[][] names = {utf8(d.getScheme()), utf8(d.getOrigin()), utf8(d.getDestination()), utf8(d.getSector())};
    int size = NAMES;
    for (byte[] name : names) {
      size += Integer.BYTES + name.length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    long[] measures = measures(d);
    for (long m : measures) {
      out.putLong(m);
    }
    out.putLong(d.getEventTime().toEpochMilli());
    out.put((byte) d.getTarget().ordinal());
    for (byte[] name : names) {
      out.putInt(name.length).put(name);
    }
    return out.array();
  }

  /** {@code sum + d}: a new array, the measures added, the later event time kept. */
  static byte[] plus(byte[] sum, CountDelta d) {
    byte[] next = sum.clone();
    ByteBuffer out = ByteBuffer.wrap(next);
    long[] measures = measures(d);
    for (int i = 0; i < MEASURES; i++) {
      out.putLong(i * Long.BYTES, out.getLong(i * Long.BYTES) + measures[i]);
    }
    out.putLong(EVENT_TIME, Math.max(out.getLong(EVENT_TIME), d.getEventTime().toEpochMilli()));
    return next;
  }

  static CountDelta toDelta(byte[] sum) {
    ByteBuffer in = ByteBuffer.wrap(sum);
    long[] m = new long[MEASURES];
    for (int i = 0; i < MEASURES; i++) {
      m[i] = in.getLong();
    }
    Instant eventTime = Instant.ofEpochMilli(in.getLong());
    DeltaTarget target = DeltaTarget.values()[in.get()];
    return CountDelta.newBuilder().setTarget(target).setScheme(name(in)).setOrigin(name(in)).setDestination(name(in))
        .setSector(name(in)).setCompanies(m[0]).setSites(m[1]).setRegistered(m[2]).setOutbound(m[3])
        .setInbound(m[4]).setSitesIn(m[5]).setUnresolvedSites(m[6]).setEventTime(eventTime).build();
  }

  static long eventTimeMillis(byte[] sum) {
    return ByteBuffer.wrap(sum).getLong(EVENT_TIME);
  }

  private static long[] measures(CountDelta d) {
    return new long[] {d.getCompanies(), d.getSites(), d.getRegistered(), d.getOutbound(), d.getInbound(),
        d.getSitesIn(), d.getUnresolvedSites()};
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String name(ByteBuffer in) {
    byte[] bytes = new byte[in.getInt()];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
