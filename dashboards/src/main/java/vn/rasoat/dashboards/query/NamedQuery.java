package vn.rasoat.dashboards.query;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One named SQL file of {@code dashboards/sql/} (on the classpath as {@code sql/<name>.sql}): its title, its typed
 * parameters and its body with {@code :name} placeholders turned into JDBC {@code ?} markers. Values are always
 * bound, never pasted into the SQL. A parameter declared {@code name type = value} may be left out and takes that value.
 */
public record NamedQuery(String name, String title, Map<String, ParamType> params, Map<String, String> defaults,
                         String jdbcSql, List<String> bindOrder) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    /** A placeholder: a colon not part of a {@code ::} cast, then a parameter name. */
    private static final Pattern PLACEHOLDER = Pattern.compile("(?<![:\\w]):([a-z][a-z0-9_]*)");

    public static NamedQuery load(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("no query named '" + name + "'");
        }
        try (InputStream in = NamedQuery.class.getResourceAsStream("/sql/" + name + ".sql")) {
            if (in == null) {
                throw new IllegalArgumentException("no query named '" + name + "' (dashboards/sql/" + name + ".sql)");
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read dashboards/sql/" + name + ".sql: " + e.getMessage(), e);
        }
    }

    static NamedQuery parse(String name, String text) {
        String title = null;
        Map<String, ParamType> params = null;
        Map<String, String> defaults = new LinkedHashMap<>();
        StringBuilder body = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("-- title:")) {
                title = line.substring("-- title:".length()).trim();
            } else if (line.startsWith("-- params:")) {
                params = new LinkedHashMap<>();
                for (String p : line.substring("-- params:".length()).split(",")) {
                    if (p.isBlank()) {
                        continue;
                    }
                    String[] declared = p.split("=", 2); // "name type" or "name type = default"
                    String[] nt = declared[0].trim().split("\\s+");
                    if (nt.length != 2 || !NAME.matcher(nt[0]).matches()) {
                        throw new IllegalArgumentException(name + ".sql: bad parameter declaration '" + p.trim() + "'");
                    }
                    params.put(nt[0], ParamType.parse(nt[1]));
                    if (declared.length == 2) {
                        defaults.put(nt[0], String.valueOf(params.get(nt[0]).check(nt[0], declared[1].trim())));
                    }
                }
            } else {
                body.append(line).append('\n');
            }
        }
        if (title == null || params == null) {
            throw new IllegalArgumentException(name + ".sql: the header needs '-- title:' and '-- params:' lines");
        }
        List<String> order = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(body);
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            String p = m.group(1);
            if (!params.containsKey(p)) {
                throw new IllegalArgumentException(name + ".sql: :" + p + " is used but not declared in '-- params:'");
            }
            order.add(p);
            m.appendReplacement(sql, "?");
        }
        m.appendTail(sql);
        for (String p : params.keySet()) {
            if (!order.contains(p)) {
                throw new IllegalArgumentException(name + ".sql: parameter " + p + " is declared but never used");
            }
        }
        return new NamedQuery(name, title, Collections.unmodifiableMap(params), Collections.unmodifiableMap(defaults),
                sql.toString().strip(), List.copyOf(order));
    }

    /** The names of every query shipped (the {@code sql/*.sql} resources), sorted. */
    public static List<String> names() {
        URL url = NamedQuery.class.getResource("/sql/filter_years.sql");
        if (url == null) {
            throw new IllegalStateException("the dashboard queries are not on the classpath");
        }
        try {
            URI dir = url.toURI();
            if (dir.getScheme().equals("jar")) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(dir);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(dir, Map.of());
                }
                return list(fs.getPath("/sql"));
            }
            return list(Path.of(dir).getParent());
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the dashboard queries: " + e.getMessage(), e);
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".sql"))
                    .map(f -> f.substring(0, f.length() - 4)).sorted().toList();
        }
    }
}
