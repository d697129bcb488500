// The one barrel file the conventions allow: drizzle-kit and the query builder read the schema from here.
export * from './auth';
export * from './organizations';
export * from './contacts';
export * from './mailboxes';
export * from './messages';
export * from './engagements';
export * from './sending';
