// The day rules call today(): Vietnam's calendar day now, by the function the server applies to completedAt
// (LangNgheRules, public/js/rules.js, loaded before the modules), whatever the device's own time zone.

/** 'YYYY-MM-DD'. */
export const today = () => window.LangNgheRules.interviewDay(new Date());
