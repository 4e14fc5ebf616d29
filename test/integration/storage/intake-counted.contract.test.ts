import type { Intake, IntakeStore } from "../../../bot/intake/intake-ports";
import { PersonalDataCipher } from "../../../server/security/personal-data-cipher";
import { SqlIntakeStore } from "../../../server/storage/sql/sql-intake-store";
import { sqlBackends } from "../../support/sql-backends";
import { TEST_DATA_KEY } from "../../support/test-app";

type Harness = { store: IntakeStore; other: IntakeStore; corrupt: string[]; close: () => Promise<void> };

const sealer = new PersonalDataCipher(Buffer.from(TEST_DATA_KEY, "base64"));
const BOOKING = { code: "AB12CD", start: "2026-12-04T10:00:00+09:00", deleteAfter: "2027-03-04T10:00:00.000Z" };

/** An intake as recordCompleted writes it; `counted` left out makes a record older than the flags. */
function intake(id: string, extra: Partial<Intake> = {}): Intake {
  return {
    id, sessionRef: `web:${id}`, channel: "web", lang: "ko", createdAt: "2026-12-03T01:00:00.000Z", completedAt: "2026-12-03T01:05:00.000Z",
    flowId: "default", flowVersion: 1, answers: [], corrections: [], facts: {}, evaluation: { asOf: "2026-12-03", rulesVersion: "test", recommendations: [], urgent: [] },
    urgent: [], loans: [], notes: [], deleteAfter: "2027-01-03T01:05:00.000Z", ...extra,
  };
}

/** `other` is a second connection to the same store, as another instance would have. */
const implementations = sqlBackends("intake-counted").map(([name, backend]): [string, () => Harness] => [name, () => {
  const store = backend();
  const corrupt: string[] = [];
  return {
    store: new SqlIntakeStore(store.open(), sealer, (w) => corrupt.push(w.key)),
    other: new SqlIntakeStore(store.open(), sealer, (w) => corrupt.push(w.key)),
    corrupt, close: () => store.close(),
  };
}]);

describe.each(implementations)("intake counted flags (%s)", (_name, make) => {
  let harness: Harness;
  beforeEach(() => {
    harness = make();
  });
  afterEach(async () => {
    await harness.close();
  });

  it("when a new intake gets a booking, then the first attach is the first booking and a new code after a cancel is not", async () => {
    await harness.store.saveIntake(intake("new", { counted: {} }));
    const first = await harness.store.attachBooking("web:new", BOOKING);
    expect(first).toMatchObject({ firstBooking: true, intake: { bookingCode: "AB12CD", counted: { booked: true } } });
    const again = await harness.store.attachBooking("web:new", { ...BOOKING, code: "ZX98YW" });
    expect(again).toMatchObject({ firstBooking: false, intake: { bookingCode: "ZX98YW", counted: { booked: true } } });
    expect(await harness.store.findIntakeByBookingCode("AB12CD")).toBeUndefined();
    expect(await harness.store.attachBooking("web:nobody", BOOKING)).toBeUndefined();
  });

  it("when attended is marked three times at once (two instances), then exactly one call flips the flag, and it stays on the record", async () => {
    await harness.store.saveIntake(intake("busy", { counted: {}, bookingCode: "AB12CD" }));
    const flips = await Promise.all([harness.store, harness.other, harness.store].map((store) => store.markCounted("busy", "attended")));
    expect(flips.filter(Boolean)).toHaveLength(1);
    expect(await harness.store.markCounted("busy", "attended")).toBe(false);
    expect((await harness.store.findIntakeById("busy"))?.counted).toEqual({ attended: true });
    expect(await harness.store.markCounted("missing", "attended")).toBe(false);
  });

  it("when a record older than the flags is read, then it still parses; holding a booking, it counts as booked and a new code counts nothing", async () => {
    await harness.store.saveIntake(intake("legacy", { bookingCode: "AB12CD", appointmentStart: BOOKING.start }));
    const read = await harness.store.findIntakeById("legacy");
    expect(read?.id).toBe("legacy");
    expect(read?.counted).toBeUndefined();
    expect(harness.corrupt).toEqual([]);
    expect(await harness.store.attachBooking("web:legacy", { ...BOOKING, code: "ZX98YW" })).toMatchObject({ firstBooking: false, intake: { counted: { booked: true } } });
    expect(await harness.store.markCounted("legacy", "attended")).toBe(true);
    expect((await harness.store.findIntakeById("legacy"))?.counted).toEqual({ booked: true, attended: true });
  });
});
