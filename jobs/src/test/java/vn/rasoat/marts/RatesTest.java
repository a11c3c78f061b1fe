package vn.rasoat.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import vn.rasoat.SparkTestBase;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Issue 14 §6: one rate function, one rounding rule (half up, 4 decimals), the same in Spark and in Java. */
class RatesTest extends SparkTestBase {
    private static final StructType COUNTS = new StructType().add("part", DataTypes.LongType).add("whole", DataTypes.LongType);

    private static List<BigDecimal> spark(List<long[]> pairs) {
        List<Row> rows = pairs.stream().map(p -> RowFactory.create(p[0], p[1])).toList();
        Dataset<Row> d = spark().createDataFrame(rows, COUNTS).coalesce(1)
                .select(RatesMart.rate(col("part"), col("whole")).as("pct"));
        assertEquals("DecimalType(9,4)", d.schema().apply("pct").dataType().toString());
        return d.collectAsList().stream().map(r -> r.<BigDecimal>getAs("pct")).toList();
    }

    @Test
    void halfUpToFourDecimalsInTheMartsAndTheRestatementAlike() {
        // 1,001 of 80,000 households is 1.25125 %: half up gives 1.2513 (half even would give 1.2512)
        assertEquals(new BigDecimal("1.2513"), Rates.pct(1001, 80000));
        assertEquals(List.of(new BigDecimal("1.2513"), new BigDecimal("33.3333"), new BigDecimal("66.6667"),
                        new BigDecimal("100.0000"), new BigDecimal("0.0000")),
                spark(List.of(new long[]{1001, 80000}, new long[]{1, 3}, new long[]{2, 3}, new long[]{7, 7},
                        new long[]{0, 5})));
        assertNull(Rates.pct(3, 0));
        assertNull(spark(List.<long[]>of(new long[]{3, 0})).get(0));
    }

    @Test
    void sparkAndJavaAgreeOnEveryPairOfCounts() {
        SplittableRandom rng = new SplittableRandom(14);
        List<long[]> pairs = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            long whole = 1 + rng.nextLong(i % 2 == 0 ? 200_000 : 30_000_000);
            pairs.add(new long[]{rng.nextLong(whole + 1), whole});
        }
        // exact halves at the fifth decimal: 1/16,000 = 0.00625 %, 1/80,000 = 0.00125 % (half even would give 0.0062, 0.0012)
        pairs.add(new long[]{1, 16_000});
        pairs.add(new long[]{1, 80_000});
        // 89.49304999997858 %: a decimal division rounded to 7 places first, then to 4, gave 89.4931
        pairs.add(new long[]{6_265_608, 7_001_223});
        List<BigDecimal> s = spark(pairs);
        for (int i = 0; i < pairs.size(); i++) {
            assertEquals(Rates.pct(pairs.get(i)[0], pairs.get(i)[1]), s.get(i),
                    pairs.get(i)[0] + " of " + pairs.get(i)[1]);
        }
        assertEquals(List.of(new BigDecimal("0.0063"), new BigDecimal("0.0013"), new BigDecimal("89.4930")),
                s.subList(pairs.size() - 3, pairs.size()));
    }

    @Test
    void theAlkireFosterRatiosAreRoundedOnceHalfUpAtTheirScale() {
        // (numerator, denominator, multiplier, scale) → expected, exact halves included
        Object[][] cases = {
                {1L, 3L, 1L, 8, "0.33333333"}, {2L, 3L, 1L, 8, "0.66666667"}, {7L, 7L, 1L, 8, "1.00000000"},
                {1L, 200_000_000L, 1L, 8, "0.00000001"}, // 0.000000005 exactly: half up
                {1L, 200_000_001L, 1L, 8, "0.00000000"}, // just under the half
                {5L, 8L, 100L, 6, "62.500000"}, {1L, 3L, 100L, 6, "33.333333"}, {2L, 3L, 100L, 6, "66.666667"},
                {1L, 16_000_000L, 100L, 6, "0.000006"}, // 0.00000625 %
                {1L, 200_000_000L, 100L, 6, "0.000001"}, // 0.0000005 % exactly: half up at 6 decimals
                {812_340L, 27_546_898L, 1L, 8, "0.02948935"}, {3_000_000_000L, 27_546_898L, 1L, 8, "108.90518417"},
        };
        List<Row> rows = new ArrayList<>();
        for (Object[] c : cases) {
            rows.add(RowFactory.create(c[0], c[1], c[2], c[3]));
        }
        StructType schema = new StructType().add("num", DataTypes.LongType).add("den", DataTypes.LongType)
                .add("mul", DataTypes.LongType).add("scale", DataTypes.IntegerType);
        Dataset<Row> d = spark().createDataFrame(rows, schema).coalesce(1);
        List<Row> eight = d.select(Rates.ratio(col("num"), col("den"), 1, 12, 8).as("r")).collectAsList();
        List<Row> six = d.select(Rates.ratio(col("num"), col("den"), 100, 12, 6).as("r")).collectAsList();
        for (int i = 0; i < cases.length; i++) {
            Row r = (long) cases[i][2] == 1L ? eight.get(i) : six.get(i);
            assertEquals(new BigDecimal((String) cases[i][4]), r.getDecimal(0), cases[i][0] + " / " + cases[i][1]);
        }
        assertEquals("DecimalType(12,8)", d.select(Rates.ratio(col("num"), col("den"), 1, 12, 8).as("r")).schema()
                .apply("r").dataType().toString());
        assertNull(spark().createDataFrame(List.of(RowFactory.create(3L, 0L, 1L, 8)), schema)
                .select(Rates.ratio(col("num"), col("den"), 1, 12, 8)).first().get(0));
    }
}
