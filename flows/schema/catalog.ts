/** The service catalog of CONTRACT.md: ids are stable and public. */
export const serviceIds = [
  "ccrs_fast_track", "ccrs_pre_workout", "ccrs_individual_workout", "ccrs_special_discharge",
  "creditor_adjustment_request", "fresh_start_fund", "financial_counseling", "court_rehabilitation",
  "court_bankruptcy", "legal_aid", "illegal_lending_relief", "debtor_attorney", "anti_loan_shark_loan",
  "miso_microcredit", "sunshine_loan_worker", "gyeonggi_low_credit_loan", "basic_livelihood",
  "emergency_welfare", "job_counseling",
] as const;
export type ServiceId = (typeof serviceIds)[number];

export const specialtyValues = ["debt", "legal", "illegal_lending", "microloan", "job", "welfare"] as const;
export type Specialty = (typeof specialtyValues)[number];

export const serviceSpecialty: Record<ServiceId, Specialty> = {
  ccrs_fast_track: "debt",
  ccrs_pre_workout: "debt",
  ccrs_individual_workout: "debt",
  ccrs_special_discharge: "debt",
  creditor_adjustment_request: "debt",
  fresh_start_fund: "debt",
  financial_counseling: "debt",
  court_rehabilitation: "legal",
  court_bankruptcy: "legal",
  legal_aid: "legal",
  illegal_lending_relief: "illegal_lending",
  debtor_attorney: "illegal_lending",
  anti_loan_shark_loan: "microloan",
  miso_microcredit: "microloan",
  sunshine_loan_worker: "microloan",
  gyeonggi_low_credit_loan: "microloan",
  basic_livelihood: "welfare",
  emergency_welfare: "welfare",
  job_counseling: "job",
};

export const urgentCodes = ["call_112", "crisis_line_109", "report_1332", "debtor_attorney_now"] as const;
export type UrgentCode = (typeof urgentCodes)[number];
