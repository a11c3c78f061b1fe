package vn.rasoat.generate;

import vn.rasoat.reference.AdminUnit;
import vn.rasoat.rules.Rulebook;
import vn.rasoat.rules.Status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Simulates one commune's households over consecutive review years as a panel: the same ids year to year,
 * with exits, re-entries, new households, moves, splits, merges and households dying out. Each household-year
 * gets an intended status first (so rates follow the calibration), then form answers that produce it.
 * Memory is one commune's households.
 */
final class PanelSimulator {
    private final CommuneSpec spec;
    private final GeneratorConfig config;
    private final GeneratorSettings settings;
    private final Calibration calibration;
    private final SplittableRandom rng;
    private final List<Household> households = new ArrayList<>();
    private int nextSeq = 1;

    PanelSimulator(CommuneSpec spec, GeneratorConfig config, GeneratorSettings settings, Calibration calibration) {
        this.spec = spec;
        this.config = config;
        this.settings = settings;
        this.calibration = calibration;
        this.rng = new SplittableRandom(config.seed() * 1_000_003L + spec.unit().communeCode().hashCode());
    }

    private static final class Household {
        String id;
        String hamlet;
        int members;
        String ethnicity;
        boolean female;
        boolean meritorious;
        boolean noWorkingCapacity;
        boolean farm;
        double vulnerability;
        String status = Status.NOT_POOR;
        boolean everPoor;
        boolean everNearPoor;
        String origin = "continuing";
        String parentId;
        String name;
        String citizenId;
    }

    void run(RowSink sink) {
        AdminUnit u = spec.unit();
        int firstYear = config.years().get(0);
        long n0 = Math.max(1, Math.round(spec.households2019()
                * Math.pow(1 + settings.growthPerYear(), firstYear - 1 - 2019) * config.scale()));
        for (long i = 0; i < n0; i++) {
            households.add(newHousehold("continuing", null));
        }
        assignStatuses(firstYear - 1, config.rulebook(firstYear));
        households.forEach(h -> h.origin = "continuing");
        for (int year : config.years()) {
            simulateYear(year, sink);
        }
    }

    private Household newHousehold(String origin, Household parent) {
        Household h = new Household();
        h.id = spec.unit().communeCode() + "-" + String.format("%06d", nextSeq++);
        h.hamlet = "T" + String.format("%02d", 1 + rng.nextInt(spec.hamlets()));
        h.members = drawMembers();
        h.vulnerability = parent != null ? clamp(parent.vulnerability + rng.nextGaussian() * 0.1) : rng.nextDouble();
        String region = spec.unit().regionKey();
        double minorityShare = settings.minorityShare().getOrDefault(region, 0.0);
        List<String> codes = settings.minorityCodes().getOrDefault(region, List.of());
        if (parent != null) {
            h.ethnicity = parent.ethnicity;
        } else {
            boolean minority = !codes.isEmpty() && rng.nextDouble() < minorityShare * (0.5 + h.vulnerability);
            h.ethnicity = minority ? codes.get(rng.nextInt(codes.size())) : "01";
        }
        h.female = rng.nextDouble() < settings.femaleHeadShare();
        h.meritorious = rng.nextDouble() < settings.meritoriousShare();
        h.noWorkingCapacity = rng.nextDouble() < settings.noWorkingCapacityShareOfPoor() * h.vulnerability * h.vulnerability;
        boolean urban = spec.unit().urban();
        h.farm = rng.nextDouble() < (urban ? settings.farmShareUrban() : settings.farmShareRural());
        h.origin = origin;
        h.parentId = parent != null ? parent.id : null;
        h.name = Names.name(rng, h.female);
        h.citizenId = Names.citizenId(rng, spec.unit().provinceCode(), h.female);
        return h;
    }

    private int drawMembers() {
        double u = rng.nextDouble();
        double[] shares = spec.sizeShares();
        for (int i = 0; i < shares.length; i++) {
            u -= shares[i];
            if (u < 0) {
                return i < 6 ? i + 1 : 7 + rng.nextInt(4);
            }
        }
        return 4;
    }

    private void simulateYear(int year, RowSink sink) {
        Rulebook rulebook = config.rulebook(year);
        String runId = year + "-annual";
        AdminUnit u = spec.unit();
        List<Household> onList = households.stream()
                .filter(h -> h.status.equals(Status.POOR) || h.status.equals(Status.NEAR_POOR)).toList();
        Set<String> listed = new HashSet<>();
        onList.forEach(h -> listed.add(h.id));
        Map<String, String> leftReason = demography();
        for (Household h : onList) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("review_year", String.valueOf(year));
            row.put("province_code", u.provinceCode());
            row.put("commune_code", u.communeCode());
            row.put("household_id", h.id);
            row.put("status", h.status);
            row.put("members", String.valueOf(h.members));
            row.put("change_reason", leftReason.getOrDefault(h.id, ""));
            sink.accept("start_list", year, row);
        }
        for (Household h : households) {
            if (rng.nextDouble() < 0.08) {
                h.members = Math.max(1, Math.min(15, h.members + (rng.nextBoolean() ? 1 : -1)));
            }
        }
        Map<String, String> previous = new LinkedHashMap<>();
        households.forEach(h -> previous.put(h.id, h.status));
        assignStatuses(year, rulebook);

        // Who is reviewed: everyone still on the start-of-year list, and the households that applied.
        List<Household> notPoorPool = new ArrayList<>();
        Map<String, String> basis = new LinkedHashMap<>();
        for (Household h : households) {
            if (listed.contains(h.id)) {
                basis.put(h.id, "on_list");
            } else if (!h.status.equals(Status.NOT_POOR)) {
                basis.put(h.id, "applicant");
            } else {
                notPoorPool.add(h);
            }
        }
        int extra = (int) Math.round(households.size() * settings.notPoorApplicants());
        Set<String> screenedOut = new HashSet<>();
        for (int i = 0; i < extra && !notPoorPool.isEmpty(); i++) {
            Household h = notPoorPool.remove(rng.nextInt(notPoorPool.size()));
            basis.put(h.id, "applicant");
            if (rng.nextDouble() < settings.screenedOutShare()) {
                screenedOut.add(h.id);
            }
        }
        FormDrawer drawer = new FormDrawer(rulebook, rng);
        for (Household h : households) {
            String b = basis.get(h.id);
            if (b == null) {
                continue;
            }
            String intended = screenedOut.contains(h.id) ? Status.SCREENED_OUT : h.status;
            Double manipulation = config.manipulated().get(spec.unit().communeCode());
            boolean pushed = false;
            if (manipulation != null && (intended.equals(Status.POOR) || intended.equals(Status.NEAR_POOR))
                    && rng.nextDouble() < manipulation) {
                // the reviewer pushes the household's score A just above the threshold: it leaves the lists
                intended = Status.NOT_POOR;
                pushed = true;
            }
            boolean entrant = b.equals("applicant")
                    && (intended.equals(Status.POOR) || intended.equals(Status.NEAR_POOR));
            if (entrant && rng.nextDouble() < settings.regularRunShare()) {
                // Recognised during the year by a monthly regular review, then re-reviewed with the annual list.
                emitReviewed(sink, drawer, rulebook, regularRunId(year, 1 + rng.nextInt(11)), year, h, b, intended, pushed);
                b = "on_list";
            }
            emitReviewed(sink, drawer, rulebook, runId, year, h, b, intended, pushed);
        }
        for (Household h : households) {
            h.everPoor |= h.status.equals(Status.POOR);
            h.everNearPoor |= h.status.equals(Status.NEAR_POOR);
            h.origin = "continuing";
            h.parentId = null;
        }
        emitTotals(sink, year);
    }

    private void emitReviewed(RowSink sink, FormDrawer drawer, Rulebook rulebook, String runId, int year,
                              Household h, String basis, String intended, boolean pushed) {
        AdminUnit u = spec.unit();
        Map<String, String> roster = new LinkedHashMap<>();
        roster.put("run_id", runId);
        roster.put("review_year", String.valueOf(year));
        roster.put("province_code", u.provinceCode());
        roster.put("district_code", u.districtCode() == null ? "" : u.districtCode());
        roster.put("commune_code", u.communeCode());
        roster.put("hamlet_code", h.hamlet);
        roster.put("household_id", h.id);
        roster.put("head_name", h.name);
        roster.put("citizen_id", h.citizenId);
        roster.put("members", String.valueOf(h.members));
        roster.put("head_ethnicity", h.ethnicity);
        roster.put("urban", String.valueOf(u.urban()));
        roster.put("no_working_capacity", String.valueOf(h.noWorkingCapacity));
        roster.put("meritorious_person", String.valueOf(h.meritorious));
        roster.put("female_head", String.valueOf(h.female));
        roster.put("farm_household", String.valueOf(h.farm));
        roster.put("review_basis", basis);
        roster.put("origin", h.origin);
        roster.put("parent_household_id", h.parentId == null ? "" : h.parentId);
        roster.put("recorded_status", intended);
        // the forms are drawn before the roster row is written (the report fields follow them); rows are still
        // written roster first, in the order the drawing used to have
        Map<String, String> a = null;
        if (basis.equals("applicant")) {
            a = keyed(runId, year, h);
            a.putAll(drawer.formA(intended.equals(Status.SCREENED_OUT)));
        }
        ReportFields extra = new ReportFields(settings.reportFields(), config.seed(), runId, h.id);
        if (intended.equals(Status.SCREENED_OUT)) {
            extra.fill(roster, intended, h.noWorkingCapacity, h.farm, null, null);
            sink.accept("household_roster", year, roster);
            if (a != null) {
                sink.accept("form_a", year, a);
            }
            return;
        }
        FormDrawer.Drawn d = drawer.draw(intended, h.members, u.urban(), h.farm, u.regionKey(),
                pushed ? config.manipulationWindow() : 0);
        extra.fill(roster, intended, h.noWorkingCapacity, h.farm, d.b1(), d.b2());
        sink.accept("household_roster", year, roster);
        if (a != null) {
            sink.accept("form_a", year, a);
        }
        Map<String, String> b1 = keyed(runId, year, h);
        b1.putAll(d.b1());
        b1.put("recorded_score_a", String.valueOf(d.scoreA()));
        sink.accept("form_b1", year, b1);
        Map<String, String> b2 = keyed(runId, year, h);
        b2.putAll(d.b2());
        sink.accept("form_b2", year, b2);
        boolean middleApplicant = intended.equals(Status.MIDDLE)
                || intended.equals(Status.NOT_POOR) && h.farm && basis.equals("applicant");
        if (rulebook.hasMiddleBand() && h.farm && middleApplicant) {
            Map<String, String> v = keyed(runId, year, h);
            v.putAll(drawer.incomeViii(intended.equals(Status.MIDDLE), h.members, u.urban()));
            sink.accept("income_viii", year, v);
        }
    }

    /** The monthly regular review of a month (rà soát thường xuyên), held from the 15th. */
    static String regularRunId(int year, int month) {
        return year + "-regular-" + String.format("%02d", month);
    }

    private Map<String, String> keyed(String runId, int year, Household h) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("run_id", runId);
        row.put("review_year", String.valueOf(year));
        row.put("commune_code", spec.unit().communeCode());
        row.put("household_id", h.id);
        return row;
    }

    private void emitTotals(RowSink sink, int year) {
        AdminUnit u = spec.unit();
        Map<String, String> t = new LinkedHashMap<>();
        t.put("reference_year", String.valueOf(year));
        t.put("province_code", u.provinceCode());
        t.put("district_code", u.districtCode() == null ? "" : u.districtCode());
        t.put("commune_code", u.communeCode());
        t.put("households_total", String.valueOf(households.size()));
        t.put("population_total", String.valueOf(households.stream().mapToLong(h -> h.members).sum()));
        t.put("source", "synthetic: 2019 census households scaled (rasoat generate)");
        sink.accept("commune_totals", year, t);
        for (int i = 1; i <= spec.hamlets(); i++) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("reference_year", String.valueOf(year));
            row.put("province_code", u.provinceCode());
            row.put("commune_code", u.communeCode());
            row.put("hamlet_code", "T" + String.format("%02d", i));
            row.put("hamlet_name", (u.urban() ? "Tổ dân phố " : "Thôn ") + i);
            sink.accept("hamlets", year, row);
        }
    }

    /** One year of births and deaths of households; returns the reason each departed household left. */
    private Map<String, String> demography() {
        Map<String, String> left = new LinkedHashMap<>();
        List<Household> born = new ArrayList<>();
        List<Household> keep = new ArrayList<>();
        for (Household h : households) {
            double u = rng.nextDouble();
            if (u < settings.diedOut()) {
                left.put(h.id, "died_out");
            } else if (u < settings.diedOut() + settings.movedAway()) {
                left.put(h.id, "moved");
            } else if (u < settings.diedOut() + settings.movedAway() + settings.merged()) {
                left.put(h.id, "merged");
            } else if (u < settings.diedOut() + settings.movedAway() + settings.merged() + settings.split()
                    && h.members >= 2) {
                Household child = newHousehold("split", h);
                child.members = Math.max(1, h.members / 2);
                born.add(child);
                if (rng.nextDouble() < settings.splitDissolvesParent()) {
                    Household second = newHousehold("split", h);
                    second.members = Math.max(1, h.members - child.members);
                    born.add(second);
                    left.put(h.id, "split");
                } else {
                    h.members = Math.max(1, h.members - child.members);
                    keep.add(h);
                }
            } else {
                keep.add(h);
            }
        }
        int n = keep.size();
        long movedIn = Math.round(n * settings.movedIn() + rng.nextDouble() - 0.5);
        long formed = Math.round(n * settings.newFormed() + rng.nextDouble() - 0.5);
        for (long i = 0; i < movedIn; i++) {
            born.add(newHousehold("moved_in", null));
        }
        for (long i = 0; i < formed; i++) {
            born.add(newHousehold("new", null));
        }
        households.clear();
        households.addAll(keep);
        households.addAll(born);
        return left;
    }

    /**
     * Intended statuses for a year: exact counts from the calibrated rates; who is poor follows a propensity
     * that keeps most of last year's poor poor and favours those poor before (so exits and re-entries occur).
     */
    private void assignStatuses(int year, Rulebook rulebook) {
        double[] rates = calibration.target(year, spec.unit().regionKey(), spec.unit().provinceCode());
        int n = households.size();
        int poor = (int) Math.round(n * Math.min(0.9, rates[0] * spec.rateMultiplier()));
        int near = (int) Math.min(n - poor, Math.round(n * Math.min(0.5, rates[1] * spec.rateMultiplier())));
        Map<Household, Double> propensity = new LinkedHashMap<>();
        for (Household h : households) {
            double base = switch (h.status) {
                case Status.POOR -> 2.2;
                case Status.NEAR_POOR -> 1.3;
                default -> h.everPoor ? 0.5 : h.everNearPoor ? 0.3 : 0.0;
            };
            propensity.put(h, base + 1.5 * h.vulnerability + rng.nextGaussian() * 0.6);
        }
        List<Household> ranked = new ArrayList<>(households);
        ranked.sort(Comparator.comparingDouble((Household h) -> -propensity.get(h)).thenComparing(h -> h.id));
        int middle = rulebook.hasMiddleBand() ? (int) Math.round(n * settings.middleShare()) : 0;
        int i = 0;
        for (Household h : ranked) {
            if (i < poor) {
                h.status = Status.POOR;
            } else if (i < poor + near) {
                h.status = Status.NEAR_POOR;
            } else if (middle > 0 && h.farm) {
                h.status = Status.MIDDLE;
                middle--;
            } else {
                h.status = Status.NOT_POOR;
            }
            i++;
        }
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
