package io.regiolink.bench;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventType;
import io.regiolink.avro.Site;
import io.regiolink.avro.TradingSites;
import io.regiolink.csv.CsvTable;
import io.regiolink.geo.Geography;
import io.regiolink.geo.Postcode;
import io.regiolink.geo.RegionScheme;
import io.regiolink.sector.SectorClassifier;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The nightly-batch alternative: load the final state of every company into DuckDB and recount
 * the whole link matrix with one SQL query. The database is a file with a memory limit, so DuckDB
 * spills to disk instead of growing beside the bench's own reference model (in memory, the uk
 * preset's recount took the machine's last 6 GB and the bench was killed). The counting rules are written again in
 * SQL here, independently of the app; only the reference tables (postcode district -> region,
 * SIC division -> group) are the same data.
 */
final class DuckDbRecount {
  private DuckDbRecount() {}

  /** The recounted links and how long loading and the query took. */
  record Result(Map<String, List<Long>> links, long loadNanos, long queryNanos) {}

  /** DuckDB's own memory, beyond which it spills to its temporary directory. */
  static final String MEMORY_LIMIT = "2GB";

  static Result run(Path dir, Geography geography, Map<String, CompanyProfileEvent> profiles,
      Map<String, TradingSites> sites, Set<String> countedStatuses) {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("recount.duckdb"));
         Statement sql = connection.createStatement()) {
      sql.execute("SET memory_limit = '" + MEMORY_LIMIT + "'");
      sql.execute("SET temp_directory = '" + dir.resolve("spill").toString().replace("'", "''") + "'");
      sql.execute("SET preserve_insertion_order = false");
      sql.execute("CREATE TABLE company(number VARCHAR, status VARCHAR, office VARCHAR)");
      sql.execute("CREATE TABLE company_sic(number VARCHAR, division VARCHAR)");
      sql.execute("CREATE TABLE site(number VARCHAR, site_id VARCHAR, outward VARCHAR)");
      sql.execute("CREATE TABLE district_region(scheme VARCHAR, outward VARCHAR, region VARCHAR)");
      sql.execute("CREATE TABLE division_group(division VARCHAR, grp VARCHAR)");
      sql.execute("CREATE TABLE counted_status(status VARCHAR)");
      long started = System.nanoTime();
      DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
      try (DuckDBAppender append = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "district_region")) {
        for (String district : districts()) {
          Postcode probe = Postcode.parse(district + "1AA").orElseThrow();
          for (RegionScheme scheme : geography.schemes()) {
            String region = scheme.resolve(probe).orElse(null);
            if (region != null) {
              append.beginRow();
              append.append(scheme.name());
              append.append(district);
              append.append(region);
              append.endRow();
            }
          }
        }
      }
      try (DuckDBAppender append = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "division_group")) {
        Map<String, String> tokens = Map.of("KIBS", "KIBS", "high-tech-KIS", "HIGH_TECH_KIS",
            "financial-KIS", "FINANCIAL_KIS", "market-KIS", "MARKET_KIS", "other-KIS", "OTHER_KIS",
            "HT-manufacturing", "HIGH_TECH_MANUFACTURING");
        Map<String, String> groupOfDivision = new TreeMap<>();
        CsvTable.resource(SectorClassifier.class, "knowledge-intensive-sic.csv")
            .forEach(row -> groupOfDivision.put(row.get("sic_division"), tokens.get(row.get("group"))));
        for (var entry : groupOfDivision.entrySet()) {
          append.beginRow();
          append.append(entry.getKey());
          append.append(entry.getValue());
          append.endRow();
        }
      }
      try (DuckDBAppender append = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "counted_status")) {
        for (String status : countedStatuses) {
          append.beginRow();
          append.append(status);
          append.endRow();
        }
      }
      try (DuckDBAppender company = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "company");
           DuckDBAppender sic = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "company_sic")) {
        for (var entry : profiles.entrySet()) {
          CompanyProfileEvent p = entry.getValue();
          boolean deleted = p.getEvent().getType() == EventType.deleted;
          company.beginRow();
          company.append(entry.getKey());
          company.append(deleted || p.getCompanyStatus() == null ? "" : p.getCompanyStatus().toLowerCase(Locale.ROOT));
          String office = p.getRegisteredOfficeAddress() == null ? null : p.getRegisteredOfficeAddress().getPostalCode();
          company.append(Postcode.parse(office).map(Postcode::outward).orElse(""));
          company.endRow();
          for (String code : p.getSicCodes()) {
            if (code.length() >= 2 && !SectorClassifier.PLACEHOLDERS.contains(code)) {
              sic.beginRow();
              sic.append(entry.getKey());
              sic.append(code.substring(0, 2));
              sic.endRow();
            }
          }
        }
      }
      try (DuckDBAppender site = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "site")) {
        for (var entry : sites.entrySet()) {
          // A repeated site id in one list: the later entry wins (design section 3).
          Map<String, Site> byId = new LinkedHashMap<>();
          for (Site s : entry.getValue().getSites()) {
            byId.remove(s.getSiteId());
            byId.put(s.getSiteId(), s);
          }
          for (Site s : byId.values()) {
            site.beginRow();
            site.append(entry.getKey());
            site.append(s.getSiteId());
            site.append(Postcode.parse(s.getPostalCode()).map(Postcode::outward).orElse(""));
            site.endRow();
          }
        }
      }
      long loaded = System.nanoTime();
      Map<String, List<Long>> links = new TreeMap<>();
      try (ResultSet rows = sql.executeQuery("""
          WITH counted AS (
            SELECT number, office FROM company WHERE status IN (SELECT status FROM counted_status)),
          ki AS (
            SELECT DISTINCT s.number, g.grp FROM company_sic s JOIN division_group g USING (division)),
          sector AS (
            SELECT number, grp FROM ki
            UNION ALL SELECT c.number, CASE WHEN EXISTS (SELECT 1 FROM ki WHERE ki.number = c.number)
                                            THEN 'KI' ELSE 'OTHER' END FROM counted c
            UNION ALL SELECT number, 'ALL' FROM counted),
          origin AS (
            SELECT c.number, d.scheme, d.region AS origin FROM counted c JOIN district_region d ON d.outward = c.office),
          destination AS (
            SELECT s.number, d.scheme, d.region AS destination FROM site s JOIN district_region d ON d.outward = s.outward)
          SELECT o.scheme, o.origin, t.destination, g.grp, COUNT(DISTINCT o.number) AS companies, COUNT(*) AS sites
          FROM origin o
          JOIN destination t ON t.number = o.number AND t.scheme = o.scheme
          JOIN sector g ON g.number = o.number
          GROUP BY o.scheme, o.origin, t.destination, g.grp""")) {
        while (rows.next()) {
          links.put(rows.getString(1) + ":" + rows.getString(2) + ":" + rows.getString(3) + ":" + rows.getString(4),
              List.of(rows.getLong(5), rows.getLong(6)));
        }
      }
      return new Result(links, loaded - started, System.nanoTime() - loaded);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB recount failed: " + e.getMessage(), e);
    }
  }

  private static List<String> districts() {
    Set<String> districts = new TreeSet<>();
    CsvTable.resource(Geography.class, "uk-postcode-district-lad.csv").forEach(row -> districts.add(row.get("postcode_district")));
    return List.copyOf(districts);
  }
}
