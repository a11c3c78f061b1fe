package vn.rasoat.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 §6: the project carries its own explanation of the rules it implements (docs/rules.md) and cites it;
 * nothing cites a document outside the repository, and every cited section exists.
 */
class RulesDocTest {
    private static final Pattern CITATION = Pattern.compile("docs/rules\\.md#([a-z0-9-]+)");
    private static final Pattern ANCHOR = Pattern.compile("<a id=\"([a-z0-9-]+)\"></a>");

    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("docs")) || Files.exists(here.resolve("jobs")) ? here : here.getParent();
    }

    private static List<Path> projectFiles(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String dir : List.of("core/src", "jobs/src", "dashboards/src", "budget/src", "analysis/src", "cli/src", "bench/src",
                "dashboards/sql", "schemas", "docs", "data-samples")) {
            if (!Files.isDirectory(root.resolve(dir))) {
                continue;
            }
            try (Stream<Path> s = Files.walk(root.resolve(dir))) {
                s.filter(Files::isRegularFile)
                        .filter(p -> p.toString().matches(".*\\.(java|json|csv|md|sql|txt)$"))
                        .filter(p -> !p.getFileName().toString().equals("RulesDocTest.java"))
                        .forEach(out::add);
            }
        }
        out.add(root.resolve("README.md"));
        return out;
    }

    private static String read(Path p) throws IOException {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            return ""; // legacy-encoded test inputs (TCVN3, VNI) cite nothing
        }
    }

    @Test
    void everyCitationPointsIntoTheProjectsOwnRulesPage() throws IOException {
        Path root = root();
        Path rules = root.resolve("docs/rules.md");
        assertTrue(Files.isRegularFile(rules), "docs/rules.md exists");
        Set<String> anchors = new TreeSet<>();
        Matcher a = ANCHOR.matcher(read(rules));
        while (a.find()) {
            anchors.add(a.group(1));
        }
        assertTrue(anchors.containsAll(Set.of("sources", "standards", "score-a", "score-b", "form-a", "middle-band",
                "statuses", "calendar", "snapshots", "rates", "cost-norms")), "sections: " + anchors);
        List<String> outside = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        int citations = 0;
        for (Path p : projectFiles(root)) {
            String text = read(p);
            String name = root.relativize(p).toString();
            if (text.contains("review-rules.md") || text.contains("review-costs.md") || text.contains("shared/seeds")
                    || text.contains("../shared")) {
                outside.add(name);
            }
            Matcher m = CITATION.matcher(text);
            while (m.find()) {
                citations++;
                if (!anchors.contains(m.group(1))) {
                    broken.add(name + " → #" + m.group(1));
                }
            }
        }
        assertEquals(List.of(), outside, "files citing a document that is not in the repository");
        assertEquals(List.of(), broken, "citations of a section docs/rules.md does not have");
        assertTrue(citations >= 10, "the code and rulebooks cite docs/rules.md: " + citations);
        assertTrue(read(root.resolve("README.md")).contains("docs/rules.md"), "README links the rules page");
    }
}
