// The fixed part of microdata.R: item recodes as the product applies them (scoring/item-values.ts), the
// interval formulas of each interval_method (docs/sampling.md, "Intervals"), and the comparison with results.csv.
// Kept apart from the generated part so both stay readable.
export const rLibrary = String.raw`
# A SIPAS item: 1 when the code is one of the satisfied codes, 0 for any other valid code (a missing-data code
# the pack does not exclude counts as not satisfied), blank for the excluded codes; explicit recodes win.
satisfied_score <- function(x, codes, excluded = numeric(0), recode = NULL) {
  recoded(x, ifelse(is.na(x), NA_real_, as.numeric(x %in% codes)), recode, excluded)
}

# A PAPI item: the code's value (recoded, or the answer itself), clamped into the item's scale [a, b], then
# rescaled to [lo, hi], reversed when the polarity is -1. Missing-data codes without a recode are blank.
rescaled_score <- function(x, scale, polarity, to, excluded = numeric(0), recode = NULL) {
  v <- recoded(x, as.numeric(x), recode, excluded)
  t <- (pmin(scale[2], pmax(scale[1], v)) - scale[1]) / (scale[2] - scale[1])
  to[1] + (to[2] - to[1]) * (if (polarity == 1) t else 1 - t)
}

# A one-stop item: the code's points (recoded, or the answer itself), clamped into [min, max].
points_score <- function(x, points, excluded = numeric(0), recode = NULL) {
  v <- recoded(x, as.numeric(x), recode, excluded)
  pmin(points[2], pmax(points[1], v))
}

recoded <- function(x, s, recode, excluded = numeric(0)) {
  s[!is.na(x) & x %in% excluded] <- NA
  if (length(recode) > 0) {
    hit <- !is.na(x) & x %in% as.numeric(names(recode))
    s[hit] <- unname(recode[as.character(x[hit])])
  }
  s
}

# |a - b| <= tolerance * max(1, |b|), and both missing counts as equal.
agrees <- function(a, b) {
  a <- as.numeric(a)
  b <- as.numeric(b)
  (is.na(a) & is.na(b)) | (!is.na(a) & !is.na(b) & abs(a - b) <= tolerance * pmax(1, abs(b)))
}

fail <- function(...) {
  cat("MISMATCH:", ..., "\n", file = stderr())
  quit(save = "no", status = 1)
}

# Each node's formula in terms of other nodes, expanded until only totals y.<item> and x.<item> remain.
expand_formulas <- function(formulas) {
  out <- list()
  expand <- function(code) {
    if (!is.null(out[[code]])) return(invisible())
    refs <- intersect(all.vars(formulas[[code]]), names(formulas))
    for (r in refs) expand(r)
    out[[code]] <<- do.call(substitute, list(formulas[[code]], out[refs]))
  }
  for (code in names(formulas)) expand(code)
  out[names(formulas)]
}

# n: respondents with a valid answer to at least one item that enters the node.
entered_items <- function(expr) unique(sub("^[xy][.]", "", all.vars(expr)))
entered_n <- function(expr) sum(rowSums(!is.na(S[, entered_items(expr), drop = FALSE])) > 0)

expit <- function(e) 1 / (1 + exp(-e))

# The interval svyciprop(method = "logit") gives a node estimated from one item's column (glm fit, t on df).
svyciprop_logit <- function(code) {
  item <- sub("^[xy][.]", "", all.vars(nodes[[code]])[1])
  as.numeric(confint(svyciprop(as.formula(paste0("~s.", item)), des, method = "logit", df = df, na.rm = TRUE)))
}

# The 95% interval of one row by its interval_method (docs/sampling.md, "Intervals"); t always on the design df.
# A share (or a rescaled score) within 1e-10 of 0 or 1 has no variance: its bound is Clopper-Pearson's for 0 (or n*)
# successes out of n* = n (qt(0.025, n - 1) / qt(0.025, df))^2, so the interval contains the estimate.
interval <- function(method, p, se, df, scale, rows, n) {
  if (is.na(p) || is.na(se)) return(c(NA_real_, NA_real_))
  switch(method,
    none = c(NA_real_, NA_real_),
    wald = p + c(-1, 1) * qt(0.975, df) * se,
    wald_normal = p + c(-1, 1) * qnorm(0.975) * se,
    logit = logit_interval(p, se, df, n),
    logit_scaled = {
      w <- scale[2] - scale[1]
      scale[1] + w * logit_interval((p - scale[1]) / w, se / w, df, n)
    },
    beta = beta_interval(p, se^2, df, rows, n),
    stop("unknown interval_method: ", method)
  )
}

bound_tolerance <- 1e-10
at_bound <- function(p) p <= bound_tolerance || p >= 1 - bound_tolerance

boundary_interval <- function(p, n, df) {
  n_star <- if (n < 2) n else n * (qt(0.025, n - 1) / qt(0.025, df))^2
  if (!(n_star > 0) || !(df > 0)) return(c(NA_real_, NA_real_))
  b <- 0.025^(1 / n_star)
  if (p < 0.5) c(0, 1 - b) else c(b, 1)
}

# expit(logit(p) -/+ t * se / (p (1 - p))): svyciprop(method = "xlogit"), and svyciprop's "logit" up to glm's
# convergence.
logit_interval <- function(p, se, df, n) {
  if (!(df > 0) || !is.finite(p) || !(se >= 0)) return(c(NA_real_, NA_real_))
  if (at_bound(p)) return(boundary_interval(p, n, df))
  h <- qt(0.975, df) * se / (p * (1 - p))
  expit(log(p / (1 - p)) + c(-1, 1) * h)
}

# Korn-Graubard: svyciprop(method = "beta", df = degf(des)), rows = nrow of the design.
beta_interval <- function(p, v, df, rows, n) {
  if (!(df > 0) || !is.finite(p) || !(v >= 0)) return(c(NA_real_, NA_real_))
  if (at_bound(p)) return(boundary_interval(p, n, df))
  n_eff <- p * (1 - p) / v * (qt(0.025, rows - 1) / qt(0.025, df))^2
  if (!is.finite(n_eff)) return(c(p, p))
  c(qbeta(0.025, n_eff * p, n_eff * (1 - p) + 1), qbeta(0.975, n_eff * p + 1, n_eff * (1 - p)))
}

# Design effect of a node: its variance over the variance under simple random sampling with replacement of its
# linearised variable z = w u (section 4): N / (m - 1) * sum(z^2 / w) over the m respondents who enter it (N their
# weight). For one item this is deff(svymean(~score, des, na.rm = TRUE, deff = "replace")). None at a bound of the
# node's scale.
design_effect <- function(code, estimate, se, scale) {
  u <- (estimate - scale[1]) / (scale[2] - scale[1])
  if (!is.finite(u) || !is.finite(se) || at_bound(u)) return(NA_real_)
  w <- weights(des)
  z <- w * U[, code]
  hit <- rowSums(!is.na(S[, entered_items(nodes[[code]]), drop = FALSE])) > 0 & w != 0
  s <- sum(z[hit]^2 / w[hit])
  if (sum(hit) < 2 || !(s > 0)) return(NA_real_)
  se^2 / (sum(w[hit]) / (sum(hit) - 1) * s)
}

# The reliability flag: the first rule that applies (no_df, n_lt_30, df_lt_8, cv_gt_30), else ok.
reliability_of <- function(n, df, cv) {
  if (!(df > 0)) return("no_df")
  if (n < 30) return("n_lt_30")
  if (df < 8) return("df_lt_8")
  if (!is.na(cv) && cv > 0.3) return("cv_gt_30")
  "ok"
}
`;
