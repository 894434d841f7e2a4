# Generates sipas-mini.csv (synthetic SIPAS-style answers with strata, PSUs and weights) and
# sipas-mini.expected.json: roll-ups computed with R survey 4.1.1 svycontrast/svyciprop, for scoring.test files.
# Run from this folder:  Rscript generate.R     (npm test never runs R; the outputs are committed.)
suppressMessages(library(survey))
library(jsonlite)
set.seed(20241120)

# 3 strata with 4, 4 and 3 PSUs; 8-14 respondents per PSU. Stratum S1's PSU P1 has only men (gender 1), so the
# domain gender == 2 misses a PSU of a stratum (where subset-and-rerun would give a different SE).
psus <- data.frame(stratum = c(rep("S1", 4), rep("S2", 4), rep("S3", 3)), psu = sprintf("P%d", 1:11))
psus$effect <- rnorm(nrow(psus), 0, 0.7)
rows <- do.call(rbind, lapply(seq_len(nrow(psus)), function(i) {
  m <- sample(8:14, 1)
  data.frame(stratum = psus$stratum[i], psu = psus$psu[i], effect = psus$effect[i], w = round(runif(1, 40, 160) * runif(m, 0.7, 1.3), 3))
}))
n <- nrow(rows)
rows$gender <- ifelse(rows$psu == "P1", 1L, sample(1:2, n, replace = TRUE))
rows$used <- rbinom(n, 1, 0.7)
person <- rnorm(n)
item <- function(shift, asked = rep(TRUE, n)) {
  x <- pmin(5, pmax(1, round(3.3 + shift + rows$effect + person + rnorm(n, 0, 0.8))))
  x[runif(n) < 0.06] <- 98L                     # don't know
  x[!asked] <- NA                               # not asked (relevance)
  as.integer(x)
}
items <- c("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8a", "c8b")
shifts <- c(0.2, 0, -0.1, 0.3, -0.3, 0.1, -0.2, 0, 0.2)
for (j in seq_along(items)) rows[[items[j]]] <- item(shifts[j], if (j >= 6) rows$used == 1 else rep(TRUE, n))
out <- rows[, c("stratum", "psu", "w", "gender", "used", items)]
write.csv(out, "sipas-mini.csv", row.names = FALSE, na = "")

d <- read.csv("sipas-mini.csv")
for (v in items) {
  valid <- !is.na(d[[v]]) & d[[v]] != 98
  d[[paste0("s_", v)]] <- ifelse(valid, as.numeric(d[[v]] >= 4), 0)
  d[[paste0("v_", v)]] <- as.numeric(valid)
  d[[paste0("y_", v)]] <- ifelse(valid, as.numeric(d[[v]] >= 4), NA)
}
des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, data = d)
share <- function(v) substitute(S / V, list(S = as.name(paste0("s_", v)), V = as.name(paste0("v_", v))))
mean_of <- function(...) { e <- list(...); Reduce(function(a, b) call("+", a, b), e) -> s; call("/", s, length(e)) }
pooled <- function(vs) call("/", Reduce(function(a, b) call("+", a, b), lapply(paste0("s_", vs), as.name)),
                            Reduce(function(a, b) call("+", a, b), lapply(paste0("v_", vs), as.name)))
IA <- mean_of(share("c1"), share("c2"), share("c3"))
IB <- mean_of(share("c4"), share("c5"))
IIA <- mean_of(share("c6"), share("c7"))
IIB8 <- pooled(c("c8a", "c8b"))
IIB <- mean_of(IIB8)
I <- mean_of(IA, IB)
II <- mean_of(IIA, IIB)
contrasts <- list(I.A = IA, I.B = IB, II.A = IIA, II.B.8 = IIB8, II.B = IIB, I = I, II = II, SIPAS = mean_of(I, II),
                  SIPAS_pooled = pooled(items))
tot_formula <- as.formula(paste("~", paste(c(paste0("s_", items), paste0("v_", items)), collapse = "+")))

scores <- function(design, degf_design) {
  tot <- svytotal(tot_formula, design)
  res <- svycontrast(tot, contrasts)
  est <- coef(res); se <- SE(res)
  nodes <- lapply(names(contrasts), function(k) list(code = k, estimate = unname(est[k]), se = unname(se[k])))
  logit <- lapply(c("c1", "c8a"), function(v) {
    ci <- confint(svyciprop(as.formula(paste0("~y_", v)), design, method = "logit", na.rm = TRUE))
    list(item = v, ciLow = unname(ci[1]), ciHigh = unname(ci[2]))
  })
  list(df = degf(degf_design), nodes = nodes, logit = logit)
}
sub <- subset(des, gender == 2)
expected <- list(
  source = "R survey 4.1.1, generate.R: svycontrast over svytotal of satisfied/valid counts; svyciprop(method='logit')",
  overall = scores(des, des),
  gender2 = scores(sub, sub)
)
write_json(expected, "sipas-mini.expected.json", auto_unbox = TRUE, digits = NA, pretty = TRUE)
