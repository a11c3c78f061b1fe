package vn.rasoat.scoring;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.SparkTestBase;
import vn.rasoat.generate.GenerateJob;
import vn.rasoat.ingest.IngestJob;
import vn.rasoat.rules.Rulebooks;

import java.nio.file.Path;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoringTest extends SparkTestBase {
    private final Rulebooks rulebooks = Rulebooks.load(schemas());

    private List<String> statuses(String standard, Object[][] rows) {
        List<Row> data = java.util.Arrays.stream(rows).map(RowFactory::create).toList();
        Dataset<Row> df = spark().createDataFrame(data, new StructType().add("a", "int").add("b", "int").add("urban", "boolean"));
        RulebookExpressions x = new RulebookExpressions(rulebooks.get(standard));
        return df.select(x.status(col("a"), col("b"), col("urban"))).collectAsList().stream().map(r -> r.getString(0)).toList();
    }

    @Test
    void statusExpressionAtThe2022Boundaries() {
        assertEquals(List.of("poor", "near_poor", "not_poor", "not_poor", "poor", "near_poor", "not_poor"),
                statuses("2022_2025", new Object[][]{{140, 30, false}, {140, 20, false}, {141, 30, false},
                        {141, 20, false}, {175, 30, true}, {175, 20, true}, {176, 30, true}}));
    }

    @Test
    void statusExpressionAtThe2016Bands() {
        assertEquals(List.of("poor", "near_poor", "poor", "not_poor", "poor", "near_poor", "poor", "not_poor"),
                statuses("2016_2020", new Object[][]{{120, 0, false}, {121, 20, false}, {150, 30, false},
                        {151, 30, false}, {140, 0, true}, {141, 20, true}, {175, 30, true}, {176, 30, true}}));
    }

    @Test
    void middleBandInExactIntegersAtTheBoundaries() {
        // one member: monthly income x means 12x over the year
        Object[][] rows = {{1_500_000L * 12, 1, false}, {1_500_001L * 12, 1, false}, {2_250_000L * 12, 1, false},
                {2_250_001L * 12, 1, false}, {2_000_000L * 12, 1, true}, {2_000_001L * 12, 1, true},
                {3_000_000L * 12, 1, true}, {3_000_001L * 12, 1, true}};
        Dataset<Row> df = spark().createDataFrame(java.util.Arrays.stream(rows).map(RowFactory::create).toList(),
                new StructType().add("net", "long").add("m", "int").add("urban", "boolean"));
        RulebookExpressions x = new RulebookExpressions(rulebooks.get("2022_2025"));
        List<Boolean> in = df.select(x.inMiddleBand(col("net"), col("m"), col("urban"))).collectAsList().stream()
                .map(r -> r.getBoolean(0)).toList();
        assertEquals(List.of(false, true, true, false, false, true, true, false), in);
    }

    @Test
    void formAThreeVersusFourCriteriaFrom2021AndTwoVersusThreeIn2018() {
        Dataset<Row> df = spark().createDataFrame(List.of(RowFactory.create(2), RowFactory.create(3), RowFactory.create(4)),
                new StructType().add("t", "int"));
        List<Boolean> now = df.select(new RulebookExpressions(rulebooks.get("2022_2025")).formAReviewed(col("t")))
                .collectAsList().stream().map(r -> r.getBoolean(0)).toList();
        List<Boolean> then = df.select(new RulebookExpressions(rulebooks.get("2016_2020")).formAReviewed(col("t")))
                .collectAsList().stream().map(r -> r.getBoolean(0)).toList();
        assertEquals(List.of(true, true, false), now);
        assertEquals(List.of(true, false, false), then);
    }
}
