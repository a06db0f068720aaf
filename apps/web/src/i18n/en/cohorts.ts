// Strings of this area's pages; the keys are read as t('cohorts.key').
export default {} as const;
