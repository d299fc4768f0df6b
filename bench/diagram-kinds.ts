// The diagrams the benchmarks render: the phase template's four kinds, numbered to differ.

/** The four diagrams of the phase template (architecture, sequence, data flow, failure path). */
export const DIAGRAMS = [
	(n: number) =>
		`flowchart LR\n  Client${n}[Browser] --> Edge[Edge proxy]\n  Edge --> Api${n}[API v${n}]\n  Api${n} --> Auth{Token valid?}\n  Auth -->|yes| Store[(Postgres)]\n  Auth -->|no| Reject[401]\n  Api${n} --> Queue[[Job queue]]\n  Queue --> Worker${n}[Worker]`,
	(n: number) =>
		`sequenceDiagram\n  participant U as User\n  participant A as API ${n}\n  participant D as Database\n  U->>A: POST /orders/${n}\n  A->>D: insert order\n  D-->>A: id\n  A-->>U: 201 Created\n  Note over A,D: retried once on timeout`,
	(n: number) =>
		`flowchart LR\n  Ingest${n}[CI upload] --> Parse[Normalise JUnit]\n  Parse --> Link[Link REQ ids]\n  Link --> Evidence[(evidence/${n}.json)]\n  Evidence --> Site[Site build]\n  Evidence --> Gate{Gate ${n}}`,
	(n: number) =>
		`flowchart TD\n  Call${n}[Call payment API] --> Ok{2xx?}\n  Ok -->|yes| Done[Confirm order]\n  Ok -->|no| Retry{Retries left?}\n  Retry -->|yes| Call${n}\n  Retry -->|no| Dlq[Dead-letter ${n}]\n  Dlq --> Page[Page on-call]`,
];
