# Test vectors for the intervals and quality measures of result rows (issue 17), computed with R's survey package
# from a synthetic stratified cluster sample: tests/fixtures/r-vectors/sample.csv and intervals.json, read by
# tests/unit/scoring/r-vectors.test.ts (npm test never runs R; the outputs are committed).
#   Rscript bench/r-check/vectors.R          (from the repository root; Debian: r-base-core r-cran-survey)
# Every figure comes from R calls an analyst can make: svyciprop(method = "logit" / "xlogit" / "beta"), svycontrast
# for roll-ups and for the logit of a rescaled score, deff(svymean(..., deff = "replace")), confint(..., df = degf).
# The rule at a share of 0 or 1 is the product's own (docs/sampling.md, "Intervals"): it is written out here.
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
out_dir <- file.path("tests", "fixtures", "r-vectors")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
set.seed(20261206)

# Two independent samples (round 1 and round 2) of 3 strata with 4 PSUs of 9-15 respondents, unequal weights.
# SIPAS-style items s1, s2 (SAT5 1-5, 98 = don't know) and s3 (everyone in gender 2 satisfied: a share of 1 in that
# domain); PAPI-style items p1 (GOOD5 1-5), p2 (yes/no, polarity -1), p3 (1-4, everyone in gender 2 at 4: a score
# at the top of its scale). In stratum S1, PSU P1 has only gender 1.
one_round <- function(round, shift) {
  psus <- data.frame(stratum = rep(c("S1", "S2", "S3"), each = 4), psu = sprintf("R%dP%02d", round, 1:12))
  psus$effect <- rnorm(12, 0, 0.6)
  rows <- do.call(rbind, lapply(seq_len(12), function(i) {
    m <- sample(9:15, 1)
    data.frame(round = round, stratum = psus$stratum[i], psu = psus$psu[i], effect = psus$effect[i],
               w = round(runif(1, 40, 160) * runif(m, 0.7, 1.3), 3))
  }))
  n <- nrow(rows)
  rows$gender <- ifelse(rows$psu == sprintf("R%dP01", round), 1L, sample(1:2, n, replace = TRUE))
  person <- rnorm(n)
  likert <- function(s) pmin(5, pmax(1, round(3.2 + shift + s + rows$effect + person + rnorm(n, 0, 0.8))))
  rows$s1 <- likert(0.2); rows$s1[runif(n) < 0.07] <- 98
  rows$s2 <- likert(-0.3); rows$s2[runif(n) < 0.05] <- 98
  rows$s3 <- ifelse(rows$gender == 2, 5, likert(0))
  rows$p1 <- likert(0.1); rows$p1[runif(n) < 0.06] <- 98
  rows$p2 <- rbinom(n, 1, plogis(-0.8 + rows$effect))
  rows$p3 <- ifelse(rows$gender == 2, 4, pmin(4, pmax(1, round(2.5 + rows$effect + rnorm(n, 0, 0.9)))))
  rows[, c("round", "stratum", "psu", "w", "gender", "s1", "s2", "s3", "p1", "p2", "p3")]
}
d_all <- rbind(one_round(1, 0), one_round(2, 0.35))
write.csv(d_all, file.path(out_dir, "sample.csv"), row.names = FALSE)

# Scored columns, as the product scores them: a share satisfied (NA for don't know) and PAPI items rescaled to 1-10.
score <- function(d) {
  for (v in c("s1", "s2", "s3")) d[[paste0("y_", v)]] <- ifelse(d[[v]] == 98, NA, as.numeric(d[[v]] >= 4))
  d$r_p1 <- ifelse(d$p1 == 98, NA, 1 + 9 * (d$p1 - 1) / 4)
  d$r_p2 <- 1 + 9 * (1 - d$p2)
  d$r_p3 <- 1 + 9 * (d$p3 - 1) / 3
  for (v in c("y_s1", "y_s2", "y_s3", "r_p1", "r_p2", "r_p3")) {
    d[[paste0("v_", v)]] <- as.numeric(!is.na(d[[v]]))
    d[[paste0("t_", v)]] <- ifelse(is.na(d[[v]]), 0, d[[v]])
  }
  d
}
d1 <- score(d_all[d_all$round == 1, ])
d2 <- score(d_all[d_all$round == 2, ])
design_of <- function(d) svydesign(ids = ~psu, strata = ~stratum, weights = ~w, data = d)

# A mean over each item's own valid respondents, as a ratio of totals (never svymean(~a + b, na.rm = TRUE), which
# would drop a respondent missing either item).
mean_of <- function(v) call("/", as.name(paste0("t_", v)), as.name(paste0("v_", v)))
plus <- function(...) Reduce(function(a, b) call("+", a, b), list(...))
times <- function(k, e) call("*", k, e)
nodes <- list(
  # SIPAS: criteria I.A.1 (s1), I.A.2 (s2), I.B.3 (s3); elements are means of their criteria; SIPAS = mean of I.
  "I.A.1" = mean_of("y_s1"), "I.A.2" = mean_of("y_s2"), "I.B.3" = mean_of("y_s3"),
  "I.A" = times(1 / 2, plus(mean_of("y_s1"), mean_of("y_s2"))), "I.B" = mean_of("y_s3"),
  "I" = times(1 / 2, plus(times(1 / 2, plus(mean_of("y_s1"), mean_of("y_s2"))), mean_of("y_s3"))),
  # PAPI: D1 has sub-dimensions D1.1 (p1) and D1.2 (p2), k = 2; D2 has D2.1 (p3), k = 1; total = D1 + D2.
  "D1.1.1" = mean_of("r_p1"), "D1.2.1" = mean_of("r_p2"), "D2.1.1" = mean_of("r_p3"),
  "D1.1" = times(1 / 2, mean_of("r_p1")), "D1.2" = times(1 / 2, mean_of("r_p2")), "D2.1" = mean_of("r_p3"),
  "D1" = plus(times(1 / 2, mean_of("r_p1")), times(1 / 2, mean_of("r_p2"))), "D2" = mean_of("r_p3"),
  "PAPI" = plus(times(1 / 2, mean_of("r_p1")), times(1 / 2, mean_of("r_p2")), mean_of("r_p3"))
)
scales <- list("I.A.1" = c(0, 1), "I.A.2" = c(0, 1), "I.B.3" = c(0, 1), "I.A" = c(0, 1), "I.B" = c(0, 1), "I" = c(0, 1),
               "D1.1.1" = c(1, 10), "D1.2.1" = c(1, 10), "D2.1.1" = c(1, 10), "D1.1" = c(0.5, 5), "D1.2" = c(0.5, 5),
               "D2.1" = c(1, 10), "D1" = c(1, 10), "D2" = c(1, 10), "PAPI" = c(2, 20))
items_of <- list("I.A.1" = "y_s1", "I.A.2" = "y_s2", "I.B.3" = "y_s3", "I.A" = c("y_s1", "y_s2"), "I.B" = "y_s3",
                 "I" = c("y_s1", "y_s2", "y_s3"), "D1.1.1" = "r_p1", "D1.2.1" = "r_p2", "D2.1.1" = "r_p3",
                 "D1.1" = "r_p1", "D1.2" = "r_p2", "D2.1" = "r_p3", "D1" = c("r_p1", "r_p2"), "D2" = "r_p3",
                 "PAPI" = c("r_p1", "r_p2", "r_p3"))
coefs_of <- list("I.A.1" = 1, "I.A.2" = 1, "I.B.3" = 1, "I.A" = c(1 / 2, 1 / 2), "I.B" = 1, "I" = c(1 / 4, 1 / 4, 1 / 2),
                 "D1.1.1" = 1, "D1.2.1" = 1, "D2.1.1" = 1, "D1.1" = 1 / 2, "D1.2" = 1 / 2, "D2.1" = 1,
                 "D1" = c(1 / 2, 1 / 2), "D2" = 1, "PAPI" = c(1 / 2, 1 / 2, 1))
totals <- as.formula(paste("~", paste(c(paste0("t_", names(d1)[grepl("^(y_s|r_p)", names(d1))]),
                                        paste0("v_", names(d1)[grepl("^(y_s|r_p)", names(d1))])), collapse = "+")))

# deff = V / V_srs(with replacement) of the linearised variable u of the score: u_k = z_k N / w_k with
# z_k = Σ_j c_j w_k (y_jk − ȳ_j) / N_j over the items j valid on row k; R's deff(svymean(~u, deff = "replace")).
deff_of <- function(des, code) {
  v <- des$variables
  w <- weights(des)
  z <- rep(0, nrow(v)); hit <- rep(FALSE, nrow(v))
  for (j in seq_along(items_of[[code]])) {
    y <- v[[items_of[[code]][j]]]
    ok <- !is.na(y) & w > 0
    ybar <- sum(w[ok] * y[ok]) / sum(w[ok])
    z[ok] <- z[ok] + coefs_of[[code]][j] * w[ok] * (y[ok] - ybar) / sum(w[ok])
    hit <- hit | ok
  }
  des$variables$u_lin <- ifelse(hit & w > 0, z * sum(w[hit & w > 0]) / w, NA)
  m <- svymean(~u_lin, des, na.rm = TRUE, deff = "replace")
  list(deff = unname(deff(m)), se_u = unname(SE(m)))
}

# The product's rule at a share (or rescaled score) of 0 or 1: Clopper–Pearson on n* = n (qt(.025, n-1)/qt(.025, df))^2.
boundary <- function(u, n, df) {
  nstar <- n * (qt(0.025, n - 1) / qt(0.025, df))^2
  b <- 0.025^(1 / nstar)
  if (u < 0.5) c(0, 1 - b) else c(b, 1)
}

scope_vectors <- function(des, name) {
  df <- degf(des)
  est <- svycontrast(svytotal(totals, des), nodes)
  out <- lapply(names(nodes), function(code) {
    x <- unname(coef(est)[code]); se <- unname(SE(est)[code]); s <- scales[[code]]
    n <- sum(Reduce(`|`, lapply(items_of[[code]], function(v) !is.na(des$variables[[v]]) & weights(des) > 0)))
    share <- all(s == c(0, 1)) && startsWith(items_of[[code]][1], "y_")
    u <- (x - s[1]) / (s[2] - s[1])
    if (u <= 1e-10 || u >= 1 - 1e-10) {
      ci <- s[1] + (s[2] - s[1]) * boundary(round(u), n, df); how <- "boundary"
    } else {
      # The logit of the rescaled score through svycontrast (delta method) and a t(df) interval, mapped back.
      expr <- call("log", call("/", call("-", nodes[[code]], s[1]), call("-", s[2], nodes[[code]])))
      l <- svycontrast(svytotal(totals, des), list(l = expr))
      eta <- confint(l, df = df)
      ci <- s[1] + (s[2] - s[1]) * plogis(as.numeric(eta)); how <- "svycontrast"
    }
    q <- deff_of(des, code)
    row <- list(code = code, estimate = x, se = se, n = n, scaleMin = s[1], scaleMax = s[2], share = share,
                logitLow = ci[1], logitHigh = ci[2], how = how, deff = q$deff, seLinearised = q$se_u)
    if (share && how == "svycontrast") {
      # Korn–Graubard with nrow() of the (subset) design, as svyciprop(method = "beta").
      alpha <- 0.05
      neff <- x * (1 - x) / se^2 * (qt(alpha / 2, nrow(des) - 1) / qt(alpha / 2, df))^2
      row$betaLow <- qbeta(alpha / 2, neff * x, neff * (1 - x) + 1)
      row$betaHigh <- qbeta(1 - alpha / 2, neff * x + 1, neff * (1 - x))
      row$nrow <- nrow(des)
    }
    if (length(items_of[[code]]) == 1 && share && how == "svycontrast") {
      f <- as.formula(paste0("~", items_of[[code]]))
      lg <- svyciprop(f, des, method = "logit", na.rm = TRUE)
      xl <- svyciprop(f, des, method = "xlogit", na.rm = TRUE)
      bt <- svyciprop(f, des, method = "beta", na.rm = TRUE)
      row$svycipropLogit <- as.numeric(attr(lg, "ci"))
      row$svycipropXlogit <- as.numeric(attr(xl, "ci"))
      row$svycipropBeta <- as.numeric(attr(bt, "ci"))
      row$deffSvymean <- unname(deff(svymean(f, des, na.rm = TRUE, deff = "replace")))
    }
    if (length(items_of[[code]]) == 1 && coefs_of[[code]] == 1 && !share) {
      f <- as.formula(paste0("~", items_of[[code]]))
      row$waldLow <- as.numeric(confint(svymean(f, des, na.rm = TRUE), df = df))[1]
      row$waldHigh <- as.numeric(confint(svymean(f, des, na.rm = TRUE), df = df))[2]
    }
    row
  })
  list(scope = name, df = df, nrow = nrow(des), nodes = out)
}

des1 <- design_of(d1); des2 <- design_of(d2)
pop <- data.frame(gender = c(1, 2), Freq = c(52000, 48000))
cal1 <- postStratify(des1, ~gender, pop)
scopes <- list(
  scope_vectors(des1, "round1"),
  scope_vectors(subset(des1, gender == 1), "round1_gender1"),
  scope_vectors(subset(des1, gender == 2), "round1_gender2"),
  scope_vectors(des2, "round2"),
  scope_vectors(cal1, "round1_poststratified")
)

# Change between the independent rounds: SE = sqrt(se1^2 + se2^2), Welch–Satterthwaite df, a t interval.
r1 <- scopes[[1]]; r2 <- scopes[[4]]
changes <- lapply(seq_along(r1$nodes), function(i) {
  a <- r2$nodes[[i]]; b <- r1$nodes[[i]]
  v1 <- a$se^2; v2 <- b$se^2
  df <- (v1 + v2)^2 / (v1^2 / r2$df + v2^2 / r1$df)
  se <- sqrt(v1 + v2); change <- a$estimate - b$estimate
  list(code = a$code, change = change, se = se, df = df, ciLow = change - qt(0.975, df) * se,
       ciHigh = change + qt(0.975, df) * se)
})

# A small JSON writer (no jsonlite on the project's machines): numbers with 17 significant digits, NaN as null.
to_json <- function(x, indent = "") {
  inner <- paste0(indent, "  ")
  if (is.null(x)) return("null")
  if (is.list(x)) {
    parts <- vapply(x, to_json, "", indent = inner)
    if (is.null(names(x))) return(paste0("[\n", inner, paste(parts, collapse = paste0(",\n", inner)), "\n", indent, "]"))
    keys <- paste0('"', names(x), '": ')
    return(paste0("{\n", inner, paste0(keys, parts, collapse = paste0(",\n", inner)), "\n", indent, "}"))
  }
  one <- function(v) {
    if (is.logical(v)) return(if (is.na(v)) "null" else if (v) "true" else "false")
    if (is.numeric(v)) return(if (!is.finite(v)) "null" else sprintf("%.17g", v))
    paste0('"', gsub('"', '\\"', v), '"')
  }
  if (length(x) == 1 && is.null(names(x))) return(one(x))
  paste0("[", paste(vapply(x, one, ""), collapse = ", "), "]")
}
writeLines(to_json(list(source = paste("R", getRversion(), "survey", packageVersion("survey"), "- bench/r-check/vectors.R"),
                lonelyPsu = "adjust", poststratify = list(variable = "gender", totals = list("1" = 52000, "2" = 48000)),
                scopes = scopes, changes = changes)),
           file.path(out_dir, "intervals.json"))
cat("wrote", file.path(out_dir, "sample.csv"), "and intervals.json\n")
