/**
 * The demo data other suites rely on: `demo_sales` (orders, partitioned by month; customers),
 * `demo_ops` (events with p1, p2), the repository `demo_repo` at `s3a://<bucket>/demo`, and two
 * finished snapshots of demo_sales written through the real BACKUP path.
 */
import type { SandboxInfo } from '../api';

export const DEMO_REPOSITORY = 'demo_repo';
export const DEMO_SNAPSHOTS = { base: 'demo_sales_base', orders: 'demo_sales_orders' } as const;

const MONTHS = ['2024-01', '2024-02', '2024-03'];

function orderRows(): string[] {
  const rows: string[] = [];
  let id = 1;
  MONTHS.forEach((month, m) => {
    for (let day = 1; day <= 8 + m * 2; day++) {
      const amount = ((id * 37) % 900) + 10 + (id % 100) / 100;
      rows.push(`(${id}, '${month}-${String(day * 3 > 28 ? 28 : day * 3).padStart(2, '0')}', ${100 + (id % 12)}, ${amount.toFixed(2)})`);
      id++;
    }
  });
  return rows;
}

function customerRows(): string[] {
  const names = ['Ada', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances', 'Edsger', 'Radia', 'Alan', 'Hedy'];
  return names.map((name, i) => `(${100 + i}, '${name}', '${['DE', 'US', 'FR', 'JP'][i % 4]}')`);
}

function eventRows(): string[] {
  const rows: string[] = [];
  for (let i = 1; i <= 10; i++) rows.push(`(${i}, ${i <= 5 ? i * 10 : 100 + i * 10}, 'event-${i}', '${i % 2 ? 'info' : 'warn'}')`);
  return rows;
}

/** The statements that build the demo catalog, in order (run as root through the FE's SQL path). */
export function demoCatalogStatements(): string[] {
  return [
    'CREATE DATABASE demo_sales',
    `CREATE TABLE demo_sales.orders (
       order_id BIGINT NOT NULL,
       order_date DATE NOT NULL,
       customer_id INT,
       amount DECIMAL(10, 2)
     ) DUPLICATE KEY(order_id)
     PARTITION BY RANGE(order_date) (
       PARTITION p202401 VALUES LESS THAN ("2024-02-01"),
       PARTITION p202402 VALUES LESS THAN ("2024-03-01"),
       PARTITION p202403 VALUES LESS THAN ("2024-04-01")
     )
     DISTRIBUTED BY HASH(order_id) BUCKETS 3
     PROPERTIES ("replication_num" = "3")`,
    `INSERT INTO demo_sales.orders VALUES ${orderRows().join(', ')}`,
    `CREATE TABLE demo_sales.customers (
       customer_id INT NOT NULL,
       name VARCHAR(64),
       country VARCHAR(2)
     ) PRIMARY KEY(customer_id)
     DISTRIBUTED BY HASH(customer_id) BUCKETS 2`,
    `INSERT INTO demo_sales.customers VALUES ${customerRows().join(', ')}`,
    'CREATE DATABASE demo_ops',
    `CREATE TABLE demo_ops.events (
       event_id BIGINT NOT NULL,
       bucket INT NOT NULL,
       message VARCHAR(200),
       level VARCHAR(10)
     ) DUPLICATE KEY(event_id)
     PARTITION BY RANGE(bucket) (
       PARTITION p1 VALUES LESS THAN ("100"),
       PARTITION p2 VALUES LESS THAN ("1000")
     )
     DISTRIBUTED BY HASH(event_id) BUCKETS 2`,
    `INSERT INTO demo_ops.events VALUES ${eventRows().join(', ')}`,
  ];
}

/** The demo repository (credentials spelled out, as an operator would). */
export function demoRepositoryStatement(info: Pick<SandboxInfo, 'bucket' | 'accessKey' | 'secretKey' | 's3Endpoint' | 'region'>): string {
  return `CREATE REPOSITORY ${DEMO_REPOSITORY} WITH BROKER ON LOCATION "s3a://${info.bucket}/demo" PROPERTIES (
    "aws.s3.access_key" = "${info.accessKey}",
    "aws.s3.secret_key" = "${info.secretKey}",
    "aws.s3.endpoint" = "${info.s3Endpoint}",
    "aws.s3.region" = "${info.region}",
    "aws.s3.enable_path_style_access" = "true"
  )`;
}

/** The two snapshots, in the grammar of the version (2.5 has no DATABASE clause). */
export function demoBackupStatements(newGrammar: boolean): string[] {
  if (newGrammar) {
    return [
      `BACKUP DATABASE demo_sales SNAPSHOT ${DEMO_SNAPSHOTS.base} TO ${DEMO_REPOSITORY}`,
      `BACKUP DATABASE demo_sales SNAPSHOT ${DEMO_SNAPSHOTS.orders} TO ${DEMO_REPOSITORY} ON (TABLE orders)`,
    ];
  }
  return [
    `BACKUP SNAPSHOT demo_sales.${DEMO_SNAPSHOTS.base} TO ${DEMO_REPOSITORY}`,
    `BACKUP SNAPSHOT demo_sales.${DEMO_SNAPSHOTS.orders} TO ${DEMO_REPOSITORY} ON (orders)`,
  ];
}
