# R side of the estimation benchmark: read.csv + svydesign + svymean (overall) or svyby (by tinh), one
# variable at a time with na.rm=TRUE (as langnghe treats missing values), deff=TRUE.
# Usage: Rscript bench.R FILE overall|by OUT.csv
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], encoding = "UTF-8")
des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, data = d)
vars <- paste0("v", 1:10)
out <- list()
for (v in vars) {
  f <- as.formula(paste0("~", v))
  if (args[2] == "overall") {
    m <- svymean(f, des, na.rm = TRUE, deff = TRUE)
    out[[v]] <- data.frame(variable = v, domain = NA, estimate = as.numeric(coef(m)), se = as.numeric(SE(m)), deff = as.numeric(deff(m)))
  } else {
    b <- svyby(f, ~tinh, des, svymean, na.rm = TRUE, deff = TRUE)
    out[[v]] <- data.frame(variable = v, domain = b$tinh, estimate = b[[v]], se = b$se, deff = b[[paste0("DEff.", v)]])
  }
}
write.csv(do.call(rbind, out), args[3], row.names = FALSE)
