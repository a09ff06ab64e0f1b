package io.regiolink.http;

import io.javalin.Javalin;
import io.javalin.http.Handler;

/**
 * Every read is registered for GET and HEAD with the same handler, so HEAD answers what GET would
 * (status and headers: a 404 for an unknown company, not Javalin's bare 200 for any path a GET
 * route matches); Jetty sends no body for HEAD.
 */
final class Reads {
  private Reads() {}

  static void get(Javalin app, String path, Handler handler) {
    app.get(path, handler);
    app.head(path, handler);
  }
}
