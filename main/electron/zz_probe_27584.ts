import { app } from 'electron';
    export const glue = app;