import { NativeSelect, type NativeSelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { browserTimeZone } from './format';

function timeZones(): string[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  zones.add(browserTimeZone());
  return [...zones].sort();
}

/**
 * The IANA time zones this browser knows, in a native select: typing jumps to a zone
 * ("Europe/L…"), it works with every assistive technology, and its label names one control only
 * (Mantine's Select also labels its hidden listbox, which breaks lookups by label).
 */
export function TimeZoneSelect(props: Omit<NativeSelectProps, 'data'>) {
  const data = useMemo(timeZones, []);
  return <NativeSelect {...props} data={data} />;
}
