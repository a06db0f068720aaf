// Strings of this area's pages; the keys are read as t('ceCredits.key').
export default {} as const;
