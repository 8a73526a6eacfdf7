export { addressAllowed, classifyAddress, type AddressClass, type AddressVerdict } from './address-policy.js';
export { DESTINATION_REFUSED, DestinationRefusedError, OutboundGuard, refusalOf, systemResolver, type HostResolver, type OutboundGuardOptions, type RefusalReason } from './outbound-guard.js';
