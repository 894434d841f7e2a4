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
entered_n <- function(expr) {
  items <- sub("^[xy][.]", "", unique(all.vars(expr)))
  sum(rowSums(!is.na(S[, items, drop = FALSE])) > 0)
}

expit <- function(e) 1 / (1 + exp(-e))

# The interval svyciprop(method = "logit") gives a node estimated from one item's column (glm fit, t on df).
svyciprop_logit <- function(code) {
  item <- sub("^[xy][.]", "", all.vars(nodes[[code]])[1])
  as.numeric(confint(svyciprop(as.formula(paste0("~s.", item)), des, method = "logit", df = df, na.rm = TRUE)))
}

# The 95% interval of one row by its interval_method (docs/sampling.md, "Intervals"); t always on the design df.
interval <- function(method, p, se, df, scale, rows) {
  level <- 0.95
  a <- 1 - level
  if (is.na(p) || is.na(se)) return(c(NA_real_, NA_real_))
  q <- if (df > 0) qt(1 - a / 2, df) else NA_real_
  switch(method,
    none = c(NA_real_, NA_real_),
    wald = p + c(-1, 1) * q * se,
    wald_normal = p + c(-1, 1) * qnorm(1 - a / 2) * se,
    logit = bounded_logit(p, se, q, c(0, 1)),
    logit_scaled = bounded_logit(p, se, q, scale),
    beta = {
      n_eff <- p * (1 - p) / se^2 * (qt(a / 2, rows - 1) / qt(a / 2, df))^2
      c(qbeta(a / 2, n_eff * p, n_eff * (1 - p) + 1), qbeta(1 - a / 2, n_eff * p + 1, n_eff * (1 - p)))
    },
    stop("unknown interval_method: ", method)
  )
}

# expit(logit(u) -/+ t * se_u / (u (1 - u))) on u = (x - min) / (max - min), mapped back to [min, max].
bounded_logit <- function(x, se, q, scale) {
  w <- scale[2] - scale[1]
  u <- (x - scale[1]) / w
  if (!(u > 0 && u < 1)) return(c(NA_real_, NA_real_))
  h <- q * (se / w) / (u * (1 - u))
  scale[1] + w * expit(log(u / (1 - u)) + c(-1, 1) * h)
}
`;
