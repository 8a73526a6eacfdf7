/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query Me {\n  me {\n    id\n    displayName\n    country\n    currency\n    roles\n  }\n}\n\nquery UnreadNotificationCount {\n  unreadNotificationCount\n}\n\nmutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user {\n      id\n      email\n      displayName\n      roles\n    }\n  }\n}\n\nmutation Login($input: LoginInput!) {\n  login(input: $input) {\n    accessToken\n    refreshToken\n    user {\n      id\n      email\n      roles\n    }\n  }\n}\n\nmutation RefreshToken($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    accessToken\n    refreshToken\n  }\n}\n\nmutation Logout($refreshToken: String!) {\n  logout(refreshToken: $refreshToken)\n}\n\nquery MyNotifications($first: Int, $after: String, $unreadOnly: Boolean) {\n  myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    edges {\n      node {\n        id\n        kind\n        title\n        message\n        createdAt\n        readAt\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.MeDocument,
    "query BandsWithReleases($first: Int = 10, $after: String, $search: String) {\n  bands(first: $first, after: $after, search: $search) {\n    edges {\n      node {\n        id\n        name\n        slug\n        country\n        releases(first: 5) {\n          edges {\n            node {\n              id\n              title\n              type\n              releaseDate\n            }\n          }\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery Distributors {\n  distributors {\n    id\n    name\n    country\n    currency\n    websiteUrl\n  }\n}": typeof types.BandsWithReleasesDocument,
    "query CurrencyRates($date: String) {\n  currencyRates(date: $date) {\n    date\n    base\n    rates {\n      currency\n      rate\n    }\n  }\n}": typeof types.CurrencyRatesDocument,
    "query LatestReleases($first: Int = 20, $after: String) {\n  releases(first: $first, after: $after) {\n    edges {\n      node {\n        id\n        title\n        type\n        releaseDate\n        band {\n          name\n          country\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery Release($id: ID!) {\n  release(id: $id) {\n    id\n    title\n    type\n    releaseDate\n    band {\n      id\n      name\n    }\n  }\n}": typeof types.LatestReleasesDocument,
    "query SourcesWithLastRun {\n  sources {\n    id\n    name\n    kind\n    enabled\n    schedule\n    lastRun {\n      id\n      status\n      listingsSeen\n      errors {\n        code\n        message\n      }\n    }\n  }\n}\n\nmutation RunParser($sourceId: ID!, $acceptShrink: Boolean) {\n  runParser(sourceId: $sourceId, acceptShrink: $acceptShrink) {\n    id\n    status\n  }\n}": typeof types.SourcesWithLastRunDocument,
};
const documents: Documents = {
    "query Me {\n  me {\n    id\n    displayName\n    country\n    currency\n    roles\n  }\n}\n\nquery UnreadNotificationCount {\n  unreadNotificationCount\n}\n\nmutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user {\n      id\n      email\n      displayName\n      roles\n    }\n  }\n}\n\nmutation Login($input: LoginInput!) {\n  login(input: $input) {\n    accessToken\n    refreshToken\n    user {\n      id\n      email\n      roles\n    }\n  }\n}\n\nmutation RefreshToken($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    accessToken\n    refreshToken\n  }\n}\n\nmutation Logout($refreshToken: String!) {\n  logout(refreshToken: $refreshToken)\n}\n\nquery MyNotifications($first: Int, $after: String, $unreadOnly: Boolean) {\n  myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    edges {\n      node {\n        id\n        kind\n        title\n        message\n        createdAt\n        readAt\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.MeDocument,
    "query BandsWithReleases($first: Int = 10, $after: String, $search: String) {\n  bands(first: $first, after: $after, search: $search) {\n    edges {\n      node {\n        id\n        name\n        slug\n        country\n        releases(first: 5) {\n          edges {\n            node {\n              id\n              title\n              type\n              releaseDate\n            }\n          }\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery Distributors {\n  distributors {\n    id\n    name\n    country\n    currency\n    websiteUrl\n  }\n}": types.BandsWithReleasesDocument,
    "query CurrencyRates($date: String) {\n  currencyRates(date: $date) {\n    date\n    base\n    rates {\n      currency\n      rate\n    }\n  }\n}": types.CurrencyRatesDocument,
    "query LatestReleases($first: Int = 20, $after: String) {\n  releases(first: $first, after: $after) {\n    edges {\n      node {\n        id\n        title\n        type\n        releaseDate\n        band {\n          name\n          country\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery Release($id: ID!) {\n  release(id: $id) {\n    id\n    title\n    type\n    releaseDate\n    band {\n      id\n      name\n    }\n  }\n}": types.LatestReleasesDocument,
    "query SourcesWithLastRun {\n  sources {\n    id\n    name\n    kind\n    enabled\n    schedule\n    lastRun {\n      id\n      status\n      listingsSeen\n      errors {\n        code\n        message\n      }\n    }\n  }\n}\n\nmutation RunParser($sourceId: ID!, $acceptShrink: Boolean) {\n  runParser(sourceId: $sourceId, acceptShrink: $acceptShrink) {\n    id\n    status\n  }\n}": types.SourcesWithLastRunDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me {\n  me {\n    id\n    displayName\n    country\n    currency\n    roles\n  }\n}\n\nquery UnreadNotificationCount {\n  unreadNotificationCount\n}\n\nmutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user {\n      id\n      email\n      displayName\n      roles\n    }\n  }\n}\n\nmutation Login($input: LoginInput!) {\n  login(input: $input) {\n    accessToken\n    refreshToken\n    user {\n      id\n      email\n      roles\n    }\n  }\n}\n\nmutation RefreshToken($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    accessToken\n    refreshToken\n  }\n}\n\nmutation Logout($refreshToken: String!) {\n  logout(refreshToken: $refreshToken)\n}\n\nquery MyNotifications($first: Int, $after: String, $unreadOnly: Boolean) {\n  myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    edges {\n      node {\n        id\n        kind\n        title\n        message\n        createdAt\n        readAt\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query Me {\n  me {\n    id\n    displayName\n    country\n    currency\n    roles\n  }\n}\n\nquery UnreadNotificationCount {\n  unreadNotificationCount\n}\n\nmutation Register($input: RegisterInput!) {\n  register(input: $input) {\n    accessToken\n    accessTokenExpiresAt\n    refreshToken\n    user {\n      id\n      email\n      displayName\n      roles\n    }\n  }\n}\n\nmutation Login($input: LoginInput!) {\n  login(input: $input) {\n    accessToken\n    refreshToken\n    user {\n      id\n      email\n      roles\n    }\n  }\n}\n\nmutation RefreshToken($refreshToken: String!) {\n  refreshToken(refreshToken: $refreshToken) {\n    accessToken\n    refreshToken\n  }\n}\n\nmutation Logout($refreshToken: String!) {\n  logout(refreshToken: $refreshToken)\n}\n\nquery MyNotifications($first: Int, $after: String, $unreadOnly: Boolean) {\n  myNotifications(first: $first, after: $after, unreadOnly: $unreadOnly) {\n    edges {\n      node {\n        id\n        kind\n        title\n        message\n        createdAt\n        readAt\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BandsWithReleases($first: Int = 10, $after: String, $search: String) {\n  bands(first: $first, after: $after, search: $search) {\n    edges {\n      node {\n        id\n        name\n        slug\n        country\n        releases(first: 5) {\n          edges {\n            node {\n              id\n              title\n              type\n              releaseDate\n            }\n          }\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery Distributors {\n  distributors {\n    id\n    name\n    country\n    currency\n    websiteUrl\n  }\n}"): (typeof documents)["query BandsWithReleases($first: Int = 10, $after: String, $search: String) {\n  bands(first: $first, after: $after, search: $search) {\n    edges {\n      node {\n        id\n        name\n        slug\n        country\n        releases(first: 5) {\n          edges {\n            node {\n              id\n              title\n              type\n              releaseDate\n            }\n          }\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery Distributors {\n  distributors {\n    id\n    name\n    country\n    currency\n    websiteUrl\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CurrencyRates($date: String) {\n  currencyRates(date: $date) {\n    date\n    base\n    rates {\n      currency\n      rate\n    }\n  }\n}"): (typeof documents)["query CurrencyRates($date: String) {\n  currencyRates(date: $date) {\n    date\n    base\n    rates {\n      currency\n      rate\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query LatestReleases($first: Int = 20, $after: String) {\n  releases(first: $first, after: $after) {\n    edges {\n      node {\n        id\n        title\n        type\n        releaseDate\n        band {\n          name\n          country\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery Release($id: ID!) {\n  release(id: $id) {\n    id\n    title\n    type\n    releaseDate\n    band {\n      id\n      name\n    }\n  }\n}"): (typeof documents)["query LatestReleases($first: Int = 20, $after: String) {\n  releases(first: $first, after: $after) {\n    edges {\n      node {\n        id\n        title\n        type\n        releaseDate\n        band {\n          name\n          country\n        }\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}\n\nquery Release($id: ID!) {\n  release(id: $id) {\n    id\n    title\n    type\n    releaseDate\n    band {\n      id\n      name\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SourcesWithLastRun {\n  sources {\n    id\n    name\n    kind\n    enabled\n    schedule\n    lastRun {\n      id\n      status\n      listingsSeen\n      errors {\n        code\n        message\n      }\n    }\n  }\n}\n\nmutation RunParser($sourceId: ID!, $acceptShrink: Boolean) {\n  runParser(sourceId: $sourceId, acceptShrink: $acceptShrink) {\n    id\n    status\n  }\n}"): (typeof documents)["query SourcesWithLastRun {\n  sources {\n    id\n    name\n    kind\n    enabled\n    schedule\n    lastRun {\n      id\n      status\n      listingsSeen\n      errors {\n        code\n        message\n      }\n    }\n  }\n}\n\nmutation RunParser($sourceId: ID!, $acceptShrink: Boolean) {\n  runParser(sourceId: $sourceId, acceptShrink: $acceptShrink) {\n    id\n    status\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;