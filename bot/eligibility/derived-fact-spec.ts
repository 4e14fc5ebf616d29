import type { CaseFacts } from "../../flows/schema/case-facts";
import type { Condition } from "../../flows/schema/condition";
import type { Parameter } from "../../flows/schema/rules";
import type { ParamReader } from "./param-as-of";

/** What a computed fact reads: the case, the parameters as of the evaluation date, and that date. */
export type DeriveInput = { facts: CaseFacts; param: ParamReader; parameters: readonly Parameter[]; asOf: string };

/**
 * A fact computed from CaseFacts. A `condition` fact is evaluated by the condition engine, so its
 * missing facts are exact; a `compute` fact lists `dependsOn`, the CaseFacts paths it reads, and
 * may `explain` which of them would settle it when it is unknown (else: those not told).
 * `params` are needed as of the evaluation date: a rule reading the fact is in force only while
 * they have values. `contractParams` are read as of each loan's contract date instead.
 */
export type DerivedFactSpec =
  | { condition: Condition; params?: never; contractParams?: never }
  | {
    dependsOn: readonly string[];
    params: readonly string[];
    contractParams?: readonly string[];
    compute: (input: DeriveInput) => number | boolean | string | undefined;
    explain?: (input: DeriveInput) => string[];
  };
