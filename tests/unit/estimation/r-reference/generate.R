# Generates r-reference.json and extra.csv: further R survey 4.1.1 results (beyond ../shared/test-vectors)
# for the estimation engine's tests. Run from this folder:  Rscript generate.R ../../../../../shared/test-vectors/r-survey
# Each case has the same shape as the shared vectors: CLI-style args and the expected estimates.
suppressMessages(library(survey))
library(jsonlite)
args <- commandArgs(trailingOnly = TRUE)
vec <- if (length(args)) args[1] else "../../../../../shared/test-vectors/r-survey"
basic <- read.csv(file.path(vec, "basic.csv"))
lonely <- read.csv(file.path(vec, "lonely.csv"))

# extra.csv: basic.csv plus a 0/1 variable with missing values, a unit weight, an fpc as a fraction,
# and a Vietnamese label column; written by R's write.csv (quoted strings, NA for missing).
extra <- basic
extra$top_dk <- as.numeric(extra$likert_dk >= 4)
extra$w1 <- 1
extra$frac <- 3 / extra$Nvill
extra$tinh <- ifelse(extra$stratum == "P1", "Hà Nội", "Đà Nẵng")
write.csv(extra, "extra.csv", row.names = FALSE, fileEncoding = "UTF-8")
extra <- read.csv("extra.csv", encoding = "UTF-8")
lonely$top <- as.numeric(lonely$likert >= 4)
write.csv(lonely, "lonely-extra.csv", row.names = FALSE)
m_gender <- read.csv(file.path(vec, "margins-gender.csv"))
file.copy(file.path(vec, c("margins-gender.csv", "margins-gender-age.csv")), ".", overwrite = TRUE)
pop_ga <- c(`(Intercept)` = 9000, genderM = 4300, ageyoung = 4100)

row <- function(variable, domain, est, se, ci, n, deff = NULL) {
  r <- list(variable = variable, domain = domain, estimate = as.numeric(est), se = as.numeric(se),
            ciLow = unname(ci[1]), ciHigh = unname(ci[2]), n = n)
  if (!is.null(deff)) r$deff <- as.numeric(deff)
  r
}
base_args <- function(csv, vars) c("--csv", csv, "--vars", vars, "--weight", "w", "--strata", "stratum", "--psu", "psu")

stat_rows <- function(des, data, vars, by = NULL, stat = "mean", ci = "wald", level = 0.95, deff = TRUE) {
  doms <- if (is.null(by)) list(NULL) else as.list(sort(unique(data[[by]])))
  out <- list()
  for (d in doms) {
    sub <- if (is.null(d)) des else des[data[[by]] == d, ]
    rows <- if (is.null(d)) rep(TRUE, nrow(data)) else data[[by]] == d
    for (v in vars) {
      f <- as.formula(paste0("~", v))
      s <- if (stat == "mean") svymean(f, sub, na.rm = TRUE, deff = deff) else svytotal(f, sub, na.rm = TRUE, deff = deff)
      if (ci == "wald") cint <- confint(s, level = level)
      else cint <- confint(svyciprop(f, sub, method = ci, level = level, na.rm = TRUE))
      n <- sum(rows & !is.na(data[[v]]))
      dom <- if (is.null(d)) NULL else setNames(list(d), by)
      out[[length(out) + 1]] <- row(v, dom, coef(s), SE(s), cint, n, if (deff) deff(s) else NULL)
    }
  }
  out
}
case <- function(name, args, estimates) list(name = name, args = args, estimates = estimates)

des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, data = extra)
cases <- list()
cases[[length(cases) + 1]] <- case("logit_ci_missing", base_args("extra.csv", "top_dk") |> c("--ci", "logit"), stat_rows(des, extra, "top_dk", ci = "logit"))
cases[[length(cases) + 1]] <- case("beta_ci_missing_by_gender", base_args("extra.csv", "top_dk,complain") |> c("--ci", "beta", "--by", "gender"), stat_rows(des, extra, c("top_dk", "complain"), by = "gender", ci = "beta"))
cases[[length(cases) + 1]] <- case("total_by_tinh", base_args("extra.csv", "sat,likert_dk") |> c("--stat", "total", "--by", "tinh"), stat_rows(des, extra, c("sat", "likert_dk"), by = "tinh", stat = "total"))
cases[[length(cases) + 1]] <- case("level_90", base_args("extra.csv", "sat") |> c("--level", "0.9", "--by", "age"), stat_rows(des, extra, "sat", by = "age", level = 0.9))
desf <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, fpc = ~frac, data = extra)
cases[[length(cases) + 1]] <- case("fpc_fraction_by_gender", base_args("extra.csv", "sat,likert") |> c("--fpc", "frac", "--by", "gender"), stat_rows(desf, extra, c("sat", "likert"), by = "gender"))
dsrs <- svydesign(ids = ~1, weights = ~w, data = extra)
cases[[length(cases) + 1]] <- case("no_strata_no_psu", c("--csv", "extra.csv", "--vars", "sat", "--weight", "w", "--ci", "logit"), stat_rows(dsrs, extra, "sat", ci = "logit"))
dclus <- svydesign(ids = ~psu, weights = ~w, data = extra)
cases[[length(cases) + 1]] <- case("psu_only_beta", c("--csv", "extra.csv", "--vars", "sat", "--weight", "w", "--psu", "psu", "--ci", "beta"), stat_rows(dclus, extra, "sat", ci = "beta"))

dps <- postStratify(des, ~gender, data.frame(gender = m_gender$level, Freq = m_gender$total))
cases[[length(cases) + 1]] <- case("poststratify_by_age_logit", base_args("extra.csv", "sat,top_dk") |> c("--poststratify", "margins-gender.csv", "--by", "age", "--ci", "logit"), stat_rows(dps, extra, c("sat", "top_dk"), by = "age", ci = "logit", deff = FALSE))
dlin <- calibrate(des, ~gender + age, pop_ga, calfun = "linear")
cases[[length(cases) + 1]] <- case("linear_by_gender_beta", base_args("extra.csv", "sat,top_dk") |> c("--calibrate", "margins-gender-age.csv", "--calfun", "linear", "--by", "gender", "--ci", "beta"), stat_rows(dlin, extra, c("sat", "top_dk"), by = "gender", ci = "beta", deff = FALSE))
drak <- calibrate(des, ~gender + age, pop_ga, calfun = "raking")
cases[[length(cases) + 1]] <- case("raking_total_by_tinh", base_args("extra.csv", "sat,likert_dk") |> c("--calibrate", "margins-gender-age.csv", "--calfun", "raking", "--by", "tinh", "--stat", "total"), stat_rows(drak, extra, c("sat", "likert_dk"), by = "tinh", stat = "total", deff = FALSE))
des1 <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w1, data = extra)
drak1 <- calibrate(des1, ~gender + age, pop_ga, calfun = "raking")
cases[[length(cases) + 1]] <- case("raking_rescaled_weights", c("--csv", "extra.csv", "--vars", "sat,likert", "--weight", "w1", "--strata", "stratum", "--psu", "psu", "--calibrate", "margins-gender-age.csv", "--calfun", "raking"), stat_rows(drak1, extra, c("sat", "likert"), deff = FALSE))

for (rule in c("remove", "adjust", "average")) {
  options(survey.lonely.psu = rule)
  dl <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, data = lonely)
  cases[[length(cases) + 1]] <- case(paste0("lonely_", rule, "_by_gender_logit"), base_args("lonely-extra.csv", "top") |> c("--lonely-psu", rule, "--by", "gender", "--ci", "logit"), stat_rows(dl, lonely, "top", by = "gender", ci = "logit"))
  cases[[length(cases) + 1]] <- case(paste0("lonely_", rule, "_total"), base_args("lonely-extra.csv", "sat,likert_dk") |> c("--lonely-psu", rule, "--stat", "total"), stat_rows(dl, lonely, c("sat", "likert_dk"), stat = "total"))
  dlr <- calibrate(dl, ~gender + age, pop_ga, calfun = "raking")
  cases[[length(cases) + 1]] <- case(paste0("lonely_", rule, "_raking_by_gender"), base_args("lonely-extra.csv", "sat") |> c("--lonely-psu", rule, "--calibrate", "margins-gender-age.csv", "--calfun", "raking", "--by", "gender"), stat_rows(dlr, lonely, "sat", by = "gender", deff = FALSE))
}
options(survey.lonely.psu = "fail")

# Linear combinations: a difference of two means (one domain) and F - M across domains.
m2 <- svymean(~sat + likert, des)
c1 <- svycontrast(m2, c(1, -1))
byg <- svyby(~sat, ~gender, des, svymean, covmat = TRUE)
c2 <- svycontrast(byg, c(F = 1, M = -1))
m3 <- svymean(~sat + likert + complain, des)
c3 <- svycontrast(m3, c(0.5, 0.25, -2))
dlr <- calibrate(des, ~gender + age, pop_ga, calfun = "raking")
m4 <- svymean(~sat + likert, dlr)
c4 <- svycontrast(m4, c(1, 1))
contrasts <- list(
  list(name = "sat_minus_likert", estimate = unname(coef(c1)), se = as.numeric(SE(c1)), cov = unname(vcov(m2))),
  list(name = "sat_F_minus_M", estimate = unname(coef(c2)), se = as.numeric(SE(c2))),
  list(name = "weighted_three", estimate = unname(coef(c3)), se = as.numeric(SE(c3))),
  list(name = "raking_sat_plus_likert", estimate = unname(coef(c4)), se = as.numeric(SE(c4)))
)
w <- basic$w
kish <- list(effectiveN = sum(w)^2 / sum(w^2), deffWeighting = length(w) * sum(w^2) / sum(w)^2)
out <- list(generatedWith = paste0(R.version$version.string, ", survey ", packageVersion("survey")),
            tolerance = list(relative = 1e-9, absolute = 1e-12), cases = cases, contrasts = contrasts, kish = kish)
writeLines(toJSON(out, auto_unbox = TRUE, digits = NA, null = "null", pretty = TRUE, na = "null"), "r-reference.json")
