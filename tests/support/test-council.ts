import type { CouncilSeed } from "@greentape/db/seed";

export const TEST_PASSWORD = "council-password-1";

/** The people the tests sign in as, by the name tests use for them. */
export const TEST_ACCOUNTS = {
  worker: "worker@council.test",
  worker2: "worker2@council.test",
  worker3: "worker3@council.test",
  supervisor: "supervisor@council.test",
  supervisor2: "supervisor2@council.test",
  auditor: "auditor@council.test",
  finance: "finance@council.test",
  admin: "admin@council.test",
} as const;
export type TestAccount = keyof typeof TEST_ACCOUNTS;

/**
 * The council every API test starts from (each test file gets its own copy): the tests' own data,
 * so the demo that `npm start` shows can change without moving what the tests stand on. Caps,
 * windows and due days are the figures the cap and deadline tests count against.
 */
export const TEST_COUNCIL: CouncilSeed = {
  source: "test-council",
  password: TEST_PASSWORD,
  teams: {
    north: { name: "Children's Services North", costCentre: "CC-4100", serviceArea: "Children's Social Care" },
    east: { name: "Adult Services East", costCentre: "CC-5200", serviceArea: "Adult Social Care" },
  },
  users: [
    { email: TEST_ACCOUNTS.worker, name: "Wren Walker", role: "worker", team: "north", staffId: "S1001" },
    { email: TEST_ACCOUNTS.worker2, name: "Priya Shah", role: "worker", team: "north", staffId: "S1002" },
    { email: TEST_ACCOUNTS.worker3, name: "Tom Okafor", role: "worker", team: "east", staffId: "S2001" },
    { email: TEST_ACCOUNTS.supervisor, name: "Sam Reid", role: "supervisor", team: "north", staffId: "S1900" },
    { email: TEST_ACCOUNTS.supervisor2, name: "Ada Mensah", role: "supervisor", team: "east", staffId: "S2900" },
    { email: TEST_ACCOUNTS.auditor, name: "Alex Morgan", role: "auditor", staffId: "A0001" },
    { email: TEST_ACCOUNTS.finance, name: "Fran Ellis", role: "finance", staffId: "F0001" },
    { email: TEST_ACCOUNTS.admin, name: "Dev Patel", role: "admin", staffId: "X0001" },
  ],
  categories: [
    { category: "Travel", glCode: "4410", accountName: "Client travel", merchantCategory: "Transportation services" },
    { category: "Food and essentials", glCode: "4420", accountName: "Client subsistence", merchantCategory: "Grocery stores and supermarkets" },
    { category: "Clothing", glCode: "4430", accountName: "Client clothing", merchantCategory: "Clothing stores" },
    { category: "Household", glCode: "4440", accountName: "Household goods for clients", merchantCategory: "Home furnishing and household goods stores" },
    { category: "Activities", glCode: "4450", accountName: "Client activities", merchantCategory: "Recreation services" },
    { category: "Phone and internet", glCode: "4460", accountName: "Client communications", merchantCategory: "Telecommunication services" },
  ],
  scheme: {
    name: "Everyday help",
    currency: "GBP",
    perSpendCap: 7_500,
    perClientCap: 20_000,
    perClientWindowDays: 30,
    perWorkerMonthlyCap: 60_000,
    teamMonthlyBudget: 300_000,
    justificationDueDays: 7,
    followUpDueDays: 28,
    graceDays: 7,
  },
  clients: { north: ["C-10234", "C-10311", "C-10457", "C-10502"], east: ["C-20117", "C-20240", "C-20388"] },
};
