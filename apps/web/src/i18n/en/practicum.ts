// Strings of this area's pages; the keys are read as t('practicum.key').
export default {} as const;
