package io.regiolink.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventType;
import io.regiolink.avro.TradingSites;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.replay.InputProducer;
import io.regiolink.replay.ProcessingLag;
import io.regiolink.replay.Replayer;
import io.regiolink.sample.SampleFiles;
import io.regiolink.testing.Api;
import io.regiolink.testing.Cleanup;
import io.regiolink.testing.Events;
import io.regiolink.testing.Records;
import io.regiolink.testing.RunningApp;
import io.regiolink.topics.Topics;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's), against the app on the real local broker
 * with no sample, fed by replayed files. Screenshots go to target/dashboard/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SHOTS = Path.of("target", "dashboard");
  private static final int COMPANIES = 1500;
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static Path stateDir;
  private static RunningApp app;
  private static Api api;
  private static WebDriver browser;
  private static Path later;
  private static String someCompany;

  @BeforeAll
  static void start() throws Exception {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: .ci/run installs "
          + "them with 'apt-get install chromium chromium-driver'");
    }
    assumeTrue(present, "Skipped: the dashboard tests need Debian's Chromium and ChromeDriver at " + CHROMIUM + " and "
        + CHROMEDRIVER + " (apt-get install chromium chromium-driver); CI installs them");
    long seed = new Random().nextLong();
    System.out.println("DashboardIT seed " + seed);
    stateDir = Files.createTempDirectory("regiolink-dashboard");
    // Low alert thresholds, so the small register's weekly changes raise alerts the panel can show.
    app = RunningApp.start(stateDir.resolve("app"), Map.of("alerts.emerged.min", "1", "alerts.lost.min", "1",
        "alerts.shift.min", "1", "alerts.shift.percent", "10", "alerts.schemes", "itl1"));
    api = new Api(app.http());
    SampleFiles.Written files = SampleFiles.write(seed, COMPANIES, 16L * COMPANIES,
        Instant.parse("2025-01-06T00:00:00Z"), stateDir.resolve("input"));
    // The register first (one profile and one site list per company), its later changes after the page is open.
    Path first = stateDir.resolve("first");
    later = stateDir.resolve("later");
    split(files.profiles(), first.resolve("profiles.ndjson"), later.resolve("profiles.ndjson"));
    split(files.sites(), first.resolve("sites.ndjson"), later.resolve("sites.ndjson"));
    someCompany = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(Files.readAllLines(first.resolve("profiles.ndjson")).get(0)).path("data").path("company_number").asText();
    replay(first);

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1366,768",
        "--user-data-dir=" + stateDir.resolve("chromium"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (stateDir != null) {
      Cleanup.closeThenDelete(stateDir, app);
    }
  }

  @Test
  @Order(1)
  void thePageLoadsWithTheMapOfEveryItl1Region() throws IOException {
    browser.get(app.http() + "/");
    awaitReady("itl1:ALL");
    assertThat(browser.getTitle()).contains("regiolink");
    assertThat(browser.findElements(By.cssSelector("#map path.region"))).hasSize(12);
    assertThat(browser.findElement(By.id("dataset-banner")).isDisplayed()).isFalse();
    assertThat(browser.findElement(By.tagName("footer")).getText()).contains("Office for National Statistics")
        .contains("Companies House");
    assertThat(browser.findElements(By.cssSelector("#map path.flow"))).isNotEmpty();
    System.out.println("DashboardIT: first complete ITL1 map after "
        + browser.findElement(By.tagName("body")).getAttribute("data-first-map-ms") + " ms");
    shot("itl1");
  }

  @Test
  @Order(2)
  void theMatrixHasExactlyTheNonZeroCellsOfTheApi() {
    assertThat(domCells()).isEqualTo(apiCells("itl1", "ALL"));
  }

  @Test
  @Order(3)
  void aSectorFilterChangesWhatIsShown() throws IOException {
    Map<String, String> all = domCells();
    new Select(browser.findElement(By.id("sector"))).selectByValue("KI");
    awaitReady("itl1:KI");
    Map<String, String> ki = domCells();
    assertThat(ki).isEqualTo(apiCells("itl1", "KI")).isNotEqualTo(all);
    shot("itl1-ki");
    new Select(browser.findElement(By.id("sector"))).selectByValue("ALL");
    awaitReady("itl1:ALL");
  }

  @Test
  @Order(4)
  void theLadSchemeDrawsEveryDistrictAndAFilteredMatrix() throws IOException {
    long before = System.nanoTime();
    new Select(browser.findElement(By.id("scheme"))).selectByValue("lad");
    awaitReady("lad:ALL");
    System.out.printf("DashboardIT: LAD map and matrix complete %d ms after the switch%n",
        (System.nanoTime() - before) / 1_000_000);
    assertThat(browser.findElements(By.cssSelector("#map path.region"))).hasSize(361);
    assertThat(browser.findElement(By.id("matrix-note")).getText()).contains("Showing the 40 of");
    Map<String, String> shown = domCells();
    assertThat(apiCells("lad", "ALL")).containsAllEntriesOf(shown);
    shot("lad");
    new Select(browser.findElement(By.id("scheme"))).selectByValue("itl1");
    awaitReady("itl1:ALL");
  }

  @Test
  @Order(5)
  void replayedChangesAndTheirAlertsAppearLiveWithoutAReload() throws Exception {
    Map<String, String> before = domCells();
    Object page = ((JavascriptExecutor) browser).executeScript("return window.performance.timeOrigin");
    replay(later);
    Map<String, String> after = apiCells("itl1", "ALL");
    assertThat(after).as("the later changes move some ITL1 cell").isNotEqualTo(before);
    new WebDriverWait(browser, WAIT).withMessage(() -> "the matrix to show the replayed changes; " + pageState())
        .until(b -> domCells().equals(after));
    assertThat(((JavascriptExecutor) browser).executeScript("return window.performance.timeOrigin"))
        .as("no reload").isEqualTo(page);
    assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("live");
    JsonNode alerts = api.json("/api/v1/alerts?limit=5");
    assertThat(alerts.get("alerts").size()).as("alerts raised by the replayed weeks").isPositive();
    new WebDriverWait(browser, WAIT).withMessage("an alert in the panel")
        .until(b -> !b.findElements(By.cssSelector("#alerts li[data-kind]")).isEmpty());
    shot("live");
  }

  @Test
  @Order(6)
  void clickingAHubFocusesItsRegionAndListsItsLinksBothWays() {
    WebElement hub = browser.findElement(By.cssSelector("#hubs-in li button"));
    String region = hub.findElement(By.xpath("..")).getAttribute("data-region");
    hub.click();
    new WebDriverWait(browser, WAIT).until(b -> region.equals(b.findElement(By.id("focus")).getAttribute("data-region")));
    assertThat(browser.findElements(By.cssSelector("#map path.region.focused"))).hasSize(1);
    assertThat(browser.findElements(By.cssSelector("#focus ol li"))).isNotEmpty();
    // The same by keyboard: a region of the map takes focus and Enter picks it.
    WebElement other = browser.findElements(By.cssSelector("#map path.region")).stream()
        .filter(r -> !region.equals(r.getAttribute("data-code"))).findFirst().orElseThrow();
    String code = other.getAttribute("data-code");
    other.sendKeys(Keys.ENTER);
    new WebDriverWait(browser, WAIT).until(b -> code.equals(b.findElement(By.id("focus")).getAttribute("data-region")));
    assertThat(other.getAttribute("aria-label")).contains("companies trading at home");
  }

  @Test
  @Order(7)
  void theCompanyLookupShowsWhereACompanyCounts() throws IOException {
    WebElement input = browser.findElement(By.id("company-number"));
    input.clear();
    input.sendKeys(someCompany);
    browser.findElement(By.cssSelector("#company-form button")).click();
    new WebDriverWait(browser, WAIT).until(b -> someCompany.equals(
        b.findElement(By.id("company-result")).getAttribute("data-company")));
    String shown = browser.findElement(By.id("company-result")).getText();
    JsonNode company = api.json("/api/v1/companies/" + someCompany);
    assertThat(shown).contains("registered office").contains(company.path("registeredOffice").path("regions")
        .path("itl1").asText());
    shot("company");
    input.clear();
    input.sendKeys("NOPE!");
    browser.findElement(By.cssSelector("#company-form button")).click();
    new WebDriverWait(browser, WAIT).until(b -> b.findElement(By.id("company-result")).getText().contains("bad company number"));
  }

  /**
   * Thirty companies incorporated over the last days, a third of them moving since: the slider
   * shows the network as it stood three days ago exactly as the API's asOf matrix does, and the
   * compare view lists the API's changes since then.
   */
  @Test
  @Order(8)
  void theDateSliderShowsAPastDayAndTheCompareViewItsChanges() throws Exception {
    Instant now = Instant.now();
    List<Map.Entry<String, CompanyProfileEvent>> profiles = new ArrayList<>();
    List<Map.Entry<String, TradingSites>> sites = new ArrayList<>();
    List<String> postcodes = List.of("LS1 4AP", "M1 1AE", "BS1 4DJ", "EH1 1AA", "NE1 7RU", "CF10 1EP");
    for (int i = 0; i < 30; i++) {
      String number = String.format("HX%06d", i);
      Instant at = now.minus(Duration.ofHours(12 + 24L * (i % 6)));
      profiles.add(Map.entry(number, Events.profile(number, "active", postcodes.get(i % 6), List.of("62012"), 1, at,
          EventType.changed)));
      sites.add(Map.entry(number, Events.sites(number, at, "s1", postcodes.get((i + 1) % 6), "s2", "WC1H 9JP")));
      if (i % 3 == 0) {
        profiles.add(Map.entry(number, Events.profile(number, "active", postcodes.get((i + 2) % 6), List.of("62012"), 2,
            now.minus(Duration.ofHours(2)), EventType.changed)));
      }
    }
    var config = app.config();
    AvroSerdes serdes = new AvroSerdes(config.requireRegistryUrl());
    Records.produceAll(config, Topics.PROFILES.name(), profiles, serdes.valueSerde(CompanyProfileEvent.class).serializer());
    Records.produceAll(config, Topics.TRADING_SITES.name(), sites, serdes.valueSerde(TradingSites.class).serializer());
    awaitCounted();

    String threeDaysAgo = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(3).toString();
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript("const s = document.getElementById('as-of'); s.value = '-3';"
        + " s.dispatchEvent(new Event('input')); s.dispatchEvent(new Event('change'));");
    awaitReady("itl1:ALL@" + threeDaysAgo);
    Map<String, String> then = domCells();
    assertThat(then).isEqualTo(apiCells("itl1", "ALL&asOf=" + threeDaysAgo))
        .as("three days ago differs from today").isNotEqualTo(apiCells("itl1", "ALL"));
    assertThat(browser.findElement(By.id("as-of-value")).getText()).isEqualTo(threeDaysAgo);
    assertThat(browser.findElement(By.id("connection")).getText()).isEqualTo("history: as of " + threeDaysAgo);
    shot("as-of");

    js.executeScript("document.getElementById('compare-from').value = arguments[0];", threeDaysAgo);
    browser.findElement(By.cssSelector("#compare-form button")).click();
    new WebDriverWait(browser, WAIT).withMessage(() -> "the compare view; " + pageState()).until(b ->
        b.findElement(By.id("compare-panel")).getAttribute("data-compared") != null);
    assertThat(browser.findElement(By.id("compare-panel")).getAttribute("data-compared")).startsWith(threeDaysAgo);
    Map<String, String> shownChanges = new TreeMap<>();
    for (WebElement row : browser.findElements(By.cssSelector("#compare-links tr[data-origin]"))) {
      shownChanges.put(row.getAttribute("data-origin") + "|" + row.getAttribute("data-destination"),
          row.getAttribute("data-change"));
    }
    Map<String, String> apiChanges = new TreeMap<>();
    api.json("/api/v1/changes/itl1?from=" + threeDaysAgo + "&limit=25").get("links").forEach(c -> apiChanges.put(
        c.get("origin").asText() + "|" + c.get("destination").asText(), c.at("/change/companies").asText()));
    assertThat(shownChanges).isEqualTo(apiChanges).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("#compare-matrix rect.change-cell"))).hasSize(apiChanges.size());
    shot("compare");

    js.executeScript("const s = document.getElementById('as-of'); s.value = '0'; s.dispatchEvent(new Event('change'));");
    awaitReady("itl1:ALL");
    assertThat(domCells()).isEqualTo(apiCells("itl1", "ALL"));
    new WebDriverWait(browser, WAIT).until(b -> b.findElement(By.id("connection")).getText().equals("live"));
  }

  @Test
  @Order(9)
  void theBrowserConsoleHasNoErrors() {
    List<String> errors = new ArrayList<>();
    for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
      // The bad company number of the lookup above is a 400 the page shows; Chromium logs the failed fetch.
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !entry.getMessage().contains("/api/v1/companies/")) {
        errors.add(entry.getMessage());
      }
    }
    assertThat(errors).isEmpty();
  }

  private static void awaitReady(String view) {
    new WebDriverWait(browser, WAIT).withMessage(() -> "the dashboard to finish drawing " + view + "; the page shows "
        + pageState()).until(b -> {
      WebElement body = b.findElement(By.tagName("body"));
      if ("error".equals(body.getAttribute("data-ready"))) {
        throw new AssertionError("The dashboard failed: " + b.findElement(By.id("map-summary")).getText());
      }
      return view.equals(body.getAttribute("data-view")) && "true".equals(body.getAttribute("data-ready"));
    });
  }

  /** What a page that does not finish drawing is doing: its view, readiness, requests in flight, console. */
  private static String pageState() {
    WebElement body = browser.findElement(By.tagName("body"));
    StringBuilder state = new StringBuilder("view=" + body.getAttribute("data-view") + " ready="
        + body.getAttribute("data-ready") + " in-flight=[" + body.getAttribute("data-in-flight") + "] summary='"
        + browser.findElement(By.id("map-summary")).getText() + "' console:");
    browser.manage().logs().get(LogType.BROWSER).forEach(e -> state.append("\n  ").append(e.getMessage()));
    return state.toString();
  }

  /** origin|destination -> companies/sites, as the page draws the matrix. */
  private static Map<String, String> domCells() {
    Map<String, String> cells = new TreeMap<>();
    for (WebElement cell : browser.findElements(By.cssSelector("#matrix rect.cell"))) {
      cells.put(cell.getAttribute("data-origin") + "|" + cell.getAttribute("data-destination"),
          cell.getAttribute("data-companies") + "/" + cell.getAttribute("data-sites"));
    }
    return cells;
  }

  private static Map<String, String> apiCells(String scheme, String sector) {
    Map<String, String> cells = new TreeMap<>();
    api.json("/api/v1/matrix/" + scheme + "?sector=" + sector).get("cells").forEach(c -> {
      if (c.get("companies").asLong() > 0) {
        cells.put(c.get("origin").asText() + "|" + c.get("destination").asText(),
            c.get("companies").asText() + "/" + c.get("sites").asText());
      }
    });
    return cells;
  }

  private static void replay(Path dir) throws Exception {
    var config = app.config();
    try (Replayer replayer = new Replayer(new InputProducer(config.kafkaClientSettings(), config.requireRegistryUrl()),
        problem -> {
          throw new AssertionError("A generated line was refused: " + problem);
        }, Clock.systemUTC())) {
      replayer.profiles(dir.resolve("profiles.ndjson"));
      replayer.sites(dir.resolve("sites.ndjson"));
    }
    awaitCounted();
  }

  private static void awaitCounted() throws Exception {
    var config = app.config();
    try (ProcessingLag lag = ProcessingLag.ofRegiolink(config.kafkaClientSettings(), config.applicationId())) {
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (lag.behind().total() > 0) {
        assertThat(System.nanoTime()).as("everything replayed is counted within 3 minutes").isLessThan(deadline);
        Thread.sleep(200);
      }
    }
  }

  private static void split(Path file, Path head, Path tail) throws IOException {
    List<String> lines = Files.readAllLines(file);
    Files.createDirectories(head.getParent());
    Files.createDirectories(tail.getParent());
    Files.write(head, lines.subList(0, Math.min(COMPANIES, lines.size())));
    Files.write(tail, lines.subList(Math.min(COMPANIES, lines.size()), lines.size()));
  }

  private static void shot(String name) throws IOException {
    File png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(png.toPath(), SHOTS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
