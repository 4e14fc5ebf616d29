import { flowNodeSchema } from "../../../flows/schema/flow";
import { inputKindOf, nextIdsOf, optionsOf, savesOf, targetsOf, textKeysOf } from "../../../bot/nodes/node-kinds";

const node = (data: object) => flowNodeSchema.parse(data);

describe("node kinds", () => {
  it("when a single choice has option links, then its targets, texts (option labels included) and saves come from its kind", () => {
    const choice = node({
      id: "gate", type: "single_choice", text: "t.q", hint: "t.h", save: "securedDebtKrw", next: "after", onUnknown: "later",
      options: [{ id: "none", label: "t.none", value: 0 }, { id: "some", label: "t.some", next: "amount" }],
    });
    expect(targetsOf(choice)).toEqual([["next", "after"], ["onUnknown", "later"], ["options.1.next", "amount"]]);
    expect(textKeysOf(choice)).toEqual([["text", "t.q"], ["hint", "t.h"], ["options.0.label", "t.none"], ["options.1.label", "t.some"]]);
    expect(savesOf(choice)).toEqual([["save", "securedDebtKrw"]]);
    expect(inputKindOf(choice)).toBe("choice");
    expect(optionsOf(choice).map((o) => o.id)).toEqual(["none", "some"]);
  });

  it("when nodes ask nothing, then they lead on by their own fields and show no options", () => {
    const branch = node({ id: "b", type: "branch", cases: [{ when: { fact: "age", op: "gt", value: 1 }, next: "x" }], otherwise: "y" });
    const set = node({ id: "s", type: "set_fact", set: [{ target: "totalDebtKrw", value: 0 }], next: "z" });
    expect(nextIdsOf(branch)).toEqual(["x", "y"]);
    expect(savesOf(set)).toEqual([["set.0.target", "totalDebtKrw"]]);
    expect([branch, set].map(inputKindOf)).toEqual(["none", "none"]);
    expect(optionsOf(set)).toEqual([]);
    expect(targetsOf(node({ id: "e", type: "end", text: "t.end", offer: "none" }))).toEqual([]);
  });

  it("when a yes/no question leads by its answer, then both ways are its targets and its options are yes and no", () => {
    const yesNo = node({ id: "q", type: "yes_no", text: "t.q", save: "vars.x", onYes: "a", onNo: "b" });
    expect(nextIdsOf(yesNo)).toEqual(["a", "b"]);
    expect(optionsOf(yesNo).map((o) => o.id)).toEqual(["yes", "no"]);
  });
});
