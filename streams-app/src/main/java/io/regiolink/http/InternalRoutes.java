package io.regiolink.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.regiolink.query.LocalStores;
import io.regiolink.query.PeerClient;
import io.regiolink.query.QueryableStore;
import io.regiolink.query.ReadMode;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What instances ask each other: reads of this instance's own partitions, never forwarded further
 * (so two instances with different views of the metadata cannot bounce a query between them).
 */
final class InternalRoutes {
  private final LocalStores local;

  InternalRoutes(LocalStores local) {
    this.local = local;
  }

  void addTo(Javalin app) {
    Reads.get(app, PeerClient.POINT_PATH + "{store}", this::point);
    Reads.get(app, PeerClient.SCAN_PATH + "{store}", this::scan);
  }

  private void point(Context ctx) {
    QueryParams params = new QueryParams(ctx.queryParamMap(), Set.of("key", "partition", "standby", "maxLag", "asOf"));
    String key = params.optional("key").orElseThrow(() -> ApiProblem.badRequest("no key", "key is required"));
    int partition = number(params, "partition");
    ReadMode mode = mode(params);
    QueryableStore store = QueryableStore.named(ctx.pathParam("store")).filter(QueryableStore::pointReads)
        .orElseThrow(() -> unknownStore(ctx.pathParam("store"), QueryableStore::pointReads));
    ctx.json(local.point(store, key, partition, mode, params.instant("asOf").orElse(null)));
  }

  private void scan(Context ctx) {
    QueryParams params = new QueryParams(ctx.queryParamMap(),
        Set.of("prefix", "sector", "partitions", "standby", "maxLag", "asOf"));
    String prefix = params.optional("prefix").orElseThrow(() -> ApiProblem.badRequest("no prefix", "prefix is required"));
    String sector = params.sector().name();
    Set<Integer> partitions;
    try {
      partitions = Arrays.stream(params.optional("partitions").orElse("").split(",")).filter(s -> !s.isBlank())
          .map(Integer::valueOf).collect(Collectors.toCollection(TreeSet::new));
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest("bad partitions", "partitions is a comma-separated list of partition numbers");
    }
    ReadMode mode = mode(params);
    QueryableStore store = QueryableStore.named(ctx.pathParam("store")).filter(QueryableStore::scans)
        .orElseThrow(() -> unknownStore(ctx.pathParam("store"), QueryableStore::scans));
    ctx.json(local.scan(store, prefix, sector, partitions, mode, params.instant("asOf").orElse(null)));
  }

  private static ReadMode mode(QueryParams params) {
    return params.flag("standby") ? ReadMode.standby(number(params, "maxLag")) : ReadMode.ACTIVE;
  }

  private static int number(QueryParams params, String name) {
    try {
      return Integer.parseInt(params.optional(name).orElse("0"));
    } catch (NumberFormatException e) {
      throw ApiProblem.badRequest("bad " + name, name + " must be a whole number");
    }
  }

  private static ApiProblem unknownStore(String store, Predicate<QueryableStore> read) {
    return ApiProblem.notFound("unknown store '" + store + "'", "this internal read covers "
        + Arrays.stream(QueryableStore.values()).filter(read).map(QueryableStore::storeName).toList());
  }
}
